import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { getHeapSpaceStatistics } from 'node:v8';
import { releaseIdleMemory } from './idle-memory';

const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.physical_space_size;

test('releaseIdleMemory shrinks a grown young generation at once', { skip: process.env.BERTH_NO_NATIVE ? 'BERTH_NO_NATIVE set' : false }, () => {
  // Grow the young generation the way start-up does: many short-lived objects, some surviving a while.
  let keep: unknown[] = [];
  for (let i = 0; i < 300_000; i++) {
    keep.push({ i, s: `x${i}` });
    if (keep.length > 50_000) keep = [];
  }
  keep = [];
  const before = newSpace();
  assert.ok(before > 4 << 20, `the young generation grew (${before >> 10} KiB)`);
  assert.equal(releaseIdleMemory(), true, 'dist/native/berth_heap.node: run npm run build (needs g++ and the Node headers)');
  const after = newSpace();
  assert.ok(after <= 1 << 20, `the young generation is back to at most 1 MiB (${before >> 10} -> ${after >> 10} KiB)`);
});
