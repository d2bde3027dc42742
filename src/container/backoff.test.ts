import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartBackoff } from './backoff';

test("dockerd's restart back-off: doubling from 100 ms to a minute, reset by a 10 s run", () => {
  const b = new RestartBackoff();
  const seq = Array.from({ length: 12 }, () => b.next('c', 50));
  assert.deepEqual(seq, [100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000]);
  assert.equal(b.next('c', 10_000), 100);
  assert.equal(b.next('c', 9_999), 200);
  assert.equal(b.next('other', 0), 100);
  b.reset('c');
  assert.equal(b.next('c', 0), 100);
});
