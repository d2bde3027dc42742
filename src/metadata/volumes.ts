// Volume records: one row per volume, the record as JSON; every change is one
// statement, so one transaction.
import type { VolumeRecord, VolumeRecords } from '../volume/types';
import type { DB, Migration } from './db';

export const volumeMigrations: Migration[] = [
  {
    id: 'volumes-001',
    sql: `CREATE TABLE volumes (
      name TEXT PRIMARY KEY,
      created TEXT NOT NULL,
      record TEXT NOT NULL
    );`,
  },
];

export class VolumeTable implements VolumeRecords {
  private readonly stmts;

  constructor(db: DB) {
    this.stmts = {
      get: db.prepare('SELECT record FROM volumes WHERE name = ?'),
      all: db.prepare('SELECT record FROM volumes ORDER BY name'),
      insert: db.prepare('INSERT INTO volumes (name, created, record) VALUES (?, ?, ?)'),
      delete: db.prepare('DELETE FROM volumes WHERE name = ?'),
    };
  }

  get(name: string): VolumeRecord | undefined {
    const row = this.stmts.get.get(name) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as VolumeRecord) : undefined;
  }

  all(): VolumeRecord[] {
    return (this.stmts.all.all() as { record: string }[]).map((r) => JSON.parse(r.record) as VolumeRecord);
  }

  insert(rec: VolumeRecord): void {
    this.stmts.insert.run(rec.name, rec.createdAt, JSON.stringify(rec));
  }

  delete(name: string): void {
    this.stmts.delete.run(name);
  }
}
