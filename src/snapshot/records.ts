// What the overlay snapshotter needs from a metadata store. The SQLite
// implementation is src/metadata/snapshots.ts; memory.ts is a fake for tests.
import type { Kind } from './snapshotter';

export interface SnapshotRecord {
  /** Numeric id; also the directory name under <root>/snapshots. */
  id: number;
  key: string;
  parentId: number | null;
  kind: Kind;
  labels: Record<string, string>;
  created: string;
  updated: string;
  /** Usage, recorded at commit (committed snapshots never change). */
  size: number | null;
  inodes: number | null;
}

export type NewSnapshotRecord = Omit<SnapshotRecord, 'id'>;
export type SnapshotUpdate = Partial<Pick<SnapshotRecord, 'key' | 'parentId' | 'kind' | 'labels' | 'updated' | 'size' | 'inodes'>>;

export interface SnapshotRecords {
  get(key: string): SnapshotRecord | undefined;
  getById(id: number): SnapshotRecord | undefined;
  list(): SnapshotRecord[];
  childCount(id: number): number;
  /** Runs fn atomically: if it throws, every change made inside is rolled back. fn must be synchronous. */
  transaction<T>(fn: () => T): T;
  insert(rec: NewSnapshotRecord): SnapshotRecord;
  update(id: number, changes: SnapshotUpdate): void;
  delete(id: number): void;
}
