import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, BatchWriter } from './batch-write';

test('after() drops written bytes across buffer boundaries', () => {
  const bufs = [Buffer.from('abc'), Buffer.from('de'), Buffer.from('fgh')];
  assert.deepEqual(after(bufs, 0).map(String), ['abc', 'de', 'fgh']);
  assert.deepEqual(after(bufs, 2).map(String), ['c', 'de', 'fgh']);
  assert.deepEqual(after(bufs, 3).map(String), ['de', 'fgh']);
  assert.deepEqual(after(bufs, 6).map(String), ['gh']);
  assert.deepEqual(after(bufs, 8).map(String), []);
});

test('every byte lands in order, in batches and at the final flush', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'batch-write-'));
  try {
    const chunks = Array.from({ length: 300 }, (_, i) => randomBytes(1 + ((i * 7919) % 9000)));
    const fh = await open(join(dir, 'f'), 'w');
    const w = new BatchWriter(fh, 64 << 10);
    for (const c of chunks) await w.write(c);
    await w.write(Buffer.alloc(0));
    await w.flush();
    await fh.close();
    assert.ok(readFileSync(join(dir, 'f')).equals(Buffer.concat(chunks)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
