import { openDatabase } from './db';
import { createSnapshotRecords, snapshotMigrations } from './snapshots';
import { snapshotterSuite } from '../snapshot/testsuite';
import * as path from 'node:path';

snapshotterSuite('overlay+sqlite records', (dir) => {
  const db = openDatabase(path.join(dir, 'berth.db'), snapshotMigrations);
  return { records: createSnapshotRecords(db), close: () => db.close() };
});
