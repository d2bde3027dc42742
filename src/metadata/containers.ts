// Container records: one row per container, the record as JSON. Every change
// is one statement (one transaction); names are unique in the table itself.
import type { DB, Migration } from './db';

export const containerMigrations: Migration[] = [
  {
    id: 'containers-001',
    sql: `CREATE TABLE containers (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      created TEXT NOT NULL,
      seq INTEGER NOT NULL,
      record TEXT NOT NULL
    );
    CREATE INDEX containers_seq ON containers(seq);`,
  },
];

export interface StoredContainer {
  id: string;
  name: string;
  created: string;
}

export class ContainerTable<T extends StoredContainer> {
  private readonly stmts;
  /**
   * Parsed records for readers that only look (ps, log rotation, info): with
   * 1,000 containers, parsing every record's JSON on each `ps` was most of
   * its time. berthd is the only writer of its database; every write below
   * drops the entry (re-read on the next look, so a rolled-back transaction
   * cannot leave a stale one).
   */
  private readonly parsed = new Map<string, T>();

  constructor(private readonly db: DB) {
    this.stmts = {
      get: db.prepare('SELECT record FROM containers WHERE id = ?'),
      byName: db.prepare('SELECT record FROM containers WHERE name = ?'),
      byPrefix: db.prepare("SELECT id FROM containers WHERE id >= ? AND id < ? || 'g' LIMIT 2"),
      all: db.prepare('SELECT record FROM containers ORDER BY seq DESC'),
      insert: db.prepare('INSERT INTO containers (id, name, created, seq, record) VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM containers), ?)'),
      update: db.prepare('UPDATE containers SET name = ?, record = ? WHERE id = ?'),
      delete: db.prepare('DELETE FROM containers WHERE id = ?'),
      ids: db.prepare('SELECT id FROM containers'),
      order: db.prepare('SELECT id FROM containers ORDER BY seq DESC').pluck(),
    };
  }

  get(id: string): T | undefined {
    const row = this.stmts.get.get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as T) : undefined;
  }

  byName(name: string): T | undefined {
    const row = this.stmts.byName.get(name) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as T) : undefined;
  }

  /** At most two ids starting with prefix: enough to tell unique from ambiguous. */
  idsWithPrefix(prefix: string): string[] {
    return (this.stmts.byPrefix.all(prefix, prefix) as { id: string }[]).map((r) => r.id);
  }

  /** Newest first, like `ps`. */
  all(): T[] {
    return (this.stmts.all.all() as { record: string }[]).map((r) => JSON.parse(r.record) as T);
  }

  /**
   * Newest first, shared with other readers: never change what this returns
   * (take `get` for a copy to modify and `update`).
   */
  readonlyAll(): readonly T[] {
    const out: T[] = [];
    for (const id of this.stmts.order.all() as string[]) {
      let rec = this.parsed.get(id);
      if (!rec) {
        rec = this.get(id);
        if (!rec) continue;
        this.parsed.set(id, rec);
      }
      out.push(rec);
    }
    return out;
  }

  insert(rec: T): void {
    this.parsed.delete(rec.id);
    this.stmts.insert.run(rec.id, rec.name, rec.created, JSON.stringify(rec));
  }

  update(rec: T): void {
    this.parsed.delete(rec.id);
    this.stmts.update.run(rec.name, JSON.stringify(rec), rec.id);
  }

  /** Read-modify-write in one transaction. */
  mutate(id: string, fn: (rec: T) => void): T | undefined {
    return this.db.transaction(() => {
      const rec = this.get(id);
      if (!rec) return undefined;
      fn(rec);
      this.update(rec);
      return rec;
    })();
  }

  delete(id: string): void {
    this.parsed.delete(id);
    this.stmts.delete.run(id);
  }
}
