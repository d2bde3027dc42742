// SQLite (better-sqlite3) in WAL mode holds every record berthd keeps. Each
// area registers its migrations; every metadata change runs as one
// transaction, so a kill -9 at any moment leaves the last committed state.
import Database from 'better-sqlite3';
import { dirname, join } from 'node:path';

export type DB = Database.Database;

export interface Migration {
  /** Unique across areas, e.g. 'images-001'. Applied once, in array order. */
  id: string;
  sql: string;
}

// The addon by its path, as better-sqlite3's nativeBinding option allows:
// its default lookup (the `bindings` package: a stack trace, then a walk up
// the tree through a dozen candidate paths) cannot see past berthd's bundle.
const ADDON = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

export function openDatabase(file: string, migrations: Migration[]): DB {
  const db = new Database(file, { nativeBinding: ADDON });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT id FROM migrations').all() as { id: string }[]).map((r) => r.id),
  );
  const mark = db.prepare('INSERT INTO migrations (id, applied_at) VALUES (?, ?)');
  for (const m of migrations) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      mark.run(m.id, new Date().toISOString());
    })();
  }
  return db;
}
