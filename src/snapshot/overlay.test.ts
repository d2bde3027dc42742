import { createMemoryRecords } from './memory';
import { snapshotterSuite } from './testsuite';

snapshotterSuite('overlay+memory records', () => ({ records: createMemoryRecords() }));
