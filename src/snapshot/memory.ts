// In-memory SnapshotRecords: a test fake with the same semantics as the
// SQLite one (unique keys, parent must exist, no delete with children).
import { conflict } from '../errdefs';
import type { NewSnapshotRecord, SnapshotRecord, SnapshotRecords, SnapshotUpdate } from './records';

export function createMemoryRecords(): SnapshotRecords {
  let rows = new Map<number, SnapshotRecord>();
  let nextId = 1;
  const byKey = (key: string): SnapshotRecord | undefined => [...rows.values()].find((r) => r.key === key);
  return {
    get: (key) => clone(byKey(key)),
    getById: (id) => clone(rows.get(id)),
    list: () => [...rows.values()].map((r) => clone(r) as SnapshotRecord),
    childCount: (id) => [...rows.values()].filter((r) => r.parentId === id).length,
    transaction<T>(fn: () => T): T {
      const saved = new Map([...rows].map(([k, v]) => [k, { ...v }]));
      const savedNext = nextId;
      try {
        return fn();
      } catch (err) {
        rows = saved;
        nextId = savedNext;
        throw err;
      }
    },
    insert(rec: NewSnapshotRecord): SnapshotRecord {
      if (byKey(rec.key)) throw conflict(`snapshot ${rec.key}: already exists`);
      if (rec.parentId !== null && !rows.has(rec.parentId)) throw conflict('parent snapshot does not exist');
      const row = { ...rec, id: nextId++ };
      rows.set(row.id, row);
      return { ...row };
    },
    update(id: number, changes: SnapshotUpdate): void {
      const row = rows.get(id);
      if (!row) return;
      if (changes.key !== undefined && changes.key !== row.key && byKey(changes.key)) {
        throw conflict(`snapshot ${changes.key}: already exists`);
      }
      if (changes.parentId != null && !rows.has(changes.parentId)) throw conflict('parent snapshot does not exist');
      for (const [k, v] of Object.entries(changes)) if (v !== undefined) Object.assign(row, { [k]: v });
    },
    delete(id: number): void {
      if ([...rows.values()].some((r) => r.parentId === id)) throw conflict('snapshot has children');
      rows.delete(id);
    },
  };
}

function clone(r: SnapshotRecord | undefined): SnapshotRecord | undefined {
  return r ? { ...r, labels: { ...r.labels } } : undefined;
}
