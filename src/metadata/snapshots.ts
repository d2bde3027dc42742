// Snapshot records (see src/snapshot/records.ts for the contract) in SQLite.
// The numeric id doubles as the snapshot's directory name; AUTOINCREMENT keeps
// ids of removed snapshots from being reused. The parent foreign key makes
// "remove a snapshot that still has children" impossible at the database level.
import type { DB, Migration } from './db';
import { conflict } from '../errdefs';
import type { NewSnapshotRecord, SnapshotRecord, SnapshotRecords, SnapshotUpdate } from '../snapshot/records';
import type { Kind } from '../snapshot/snapshotter';

export const snapshotMigrations: Migration[] = [
  {
    id: 'snapshots-001',
    sql: `
      CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        parent_id INTEGER REFERENCES snapshots(id),
        kind TEXT NOT NULL CHECK (kind IN ('active', 'view', 'committed')),
        labels TEXT NOT NULL DEFAULT '{}',
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        size INTEGER,
        inodes INTEGER
      );
      CREATE INDEX snapshots_parent ON snapshots(parent_id);
    `,
  },
];

interface Row {
  id: number;
  key: string;
  parent_id: number | null;
  kind: Kind;
  labels: string;
  created: string;
  updated: string;
  size: number | null;
  inodes: number | null;
}

const toRecord = (r: Row | undefined): SnapshotRecord | undefined =>
  r && {
    id: r.id,
    key: r.key,
    parentId: r.parent_id,
    kind: r.kind,
    labels: JSON.parse(r.labels) as Record<string, string>,
    created: r.created,
    updated: r.updated,
    size: r.size,
    inodes: r.inodes,
  };

export function createSnapshotRecords(db: DB): SnapshotRecords {
  const q = {
    get: db.prepare('SELECT * FROM snapshots WHERE key = ?'),
    getById: db.prepare('SELECT * FROM snapshots WHERE id = ?'),
    list: db.prepare('SELECT * FROM snapshots ORDER BY id'),
    children: db.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE parent_id = ?'),
    insert: db.prepare(
      `INSERT INTO snapshots (key, parent_id, kind, labels, created, updated, size, inodes)
       VALUES (@key, @parentId, @kind, @labels, @created, @updated, @size, @inodes)`,
    ),
    delete: db.prepare('DELETE FROM snapshots WHERE id = ?'),
  };
  return {
    get: (key) => toRecord(q.get.get(key) as Row | undefined),
    getById: (id) => toRecord(q.getById.get(id) as Row | undefined),
    list: () => (q.list.all() as Row[]).map((r) => toRecord(r) as SnapshotRecord),
    childCount: (id) => (q.children.get(id) as { n: number }).n,
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    insert(rec: NewSnapshotRecord): SnapshotRecord {
      try {
        const info = q.insert.run({ ...rec, labels: JSON.stringify(rec.labels) });
        return { ...rec, id: Number(info.lastInsertRowid) };
      } catch (err) {
        throw constraint(err, `snapshot ${rec.key}: already exists`);
      }
    },
    update(id: number, changes: SnapshotUpdate): void {
      const cols: string[] = [];
      const vals: Record<string, unknown> = { id };
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined) continue;
        cols.push(`${k === 'parentId' ? 'parent_id' : k} = @${k}`);
        vals[k] = k === 'labels' ? JSON.stringify(v) : v;
      }
      if (cols.length === 0) return;
      try {
        db.prepare(`UPDATE snapshots SET ${cols.join(', ')} WHERE id = @id`).run(vals);
      } catch (err) {
        throw constraint(err, `snapshot ${changes.key}: already exists`);
      }
    },
    delete(id: number): void {
      try {
        q.delete.run(id);
      } catch (err) {
        throw constraint(err, 'snapshot has dependent snapshots');
      }
    },
  };
}

function constraint(err: unknown, msg: string): unknown {
  return (err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') ? conflict(msg) : err;
}
