import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { containerIdOf, hostIdOf, OVERFLOW_ID, rangesFrom, rootPair, toContainer, toHost, type IdMapping } from './idmap';

const m: IdMapping = {
  uids: rangesFrom([{ start: 100000, count: 65536 }]),
  gids: rangesFrom([{ start: 200000, count: 1000 }, { start: 300000, count: 64536 }]),
};

test('ranges are numbered from 0 across subordinate ranges, at most five', () => {
  assert.deepEqual(m.gids, [
    { containerID: 0, hostID: 200000, size: 1000 },
    { containerID: 1000, hostID: 300000, size: 64536 },
  ]);
  const many = rangesFrom(Array.from({ length: 7 }, (_, i) => ({ start: 100000 + i * 10, count: 10 })));
  assert.equal(many.length, 5);
  assert.deepEqual(many[4], { containerID: 40, hostID: 100040, size: 10 });
});

test('container ids map to host ids and back', () => {
  assert.equal(hostIdOf(m.uids, 0), 100000);
  assert.equal(hostIdOf(m.uids, 65535), 165535);
  assert.equal(hostIdOf(m.uids, 65536), undefined);
  assert.equal(hostIdOf(m.gids, 999), 200999);
  assert.equal(hostIdOf(m.gids, 1000), 300000);
  assert.equal(containerIdOf(m.gids, 300005), 1005);
  assert.equal(containerIdOf(m.uids, 99999), undefined);
  assert.deepEqual(toHost(m, { uid: 1000, gid: 1000 }), { uid: 101000, gid: 300000 });
  assert.deepEqual(toContainer(m, { uid: 101000, gid: 300000 }), { uid: 1000, gid: 1000 });
  assert.deepEqual(rootPair(m), { uid: 100000, gid: 200000 });
});

test('ids outside the mapping: an error into the store, the overflow id out of it', () => {
  assert.throws(() => toHost(m, { uid: 70000, gid: 0 }), /Container ID 70000 cannot be mapped to a host ID/);
  assert.deepEqual(toContainer(m, { uid: 0, gid: 0 }), { uid: OVERFLOW_ID, gid: OVERFLOW_ID });
});

test('no mapping is the identity', () => {
  assert.deepEqual(toHost(undefined, { uid: 5, gid: 6 }), { uid: 5, gid: 6 });
  assert.deepEqual(toContainer(undefined, { uid: 5, gid: 6 }), { uid: 5, gid: 6 });
  assert.deepEqual(rootPair(undefined), { uid: 0, gid: 0 });
});
