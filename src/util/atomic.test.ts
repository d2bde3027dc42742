import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { atomicWrite } from './atomic';

test('atomicWrite replaces the file and leaves no temp behind', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-atomic-'));
  try {
    const f = path.join(dir, 'f.json');
    await atomicWrite(f, 'one');
    await atomicWrite(f, Buffer.from('two'), { mode: 0o600 });
    assert.equal(readFileSync(f, 'utf8'), 'two');
    assert.deepEqual(readdirSync(dir), ['f.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
