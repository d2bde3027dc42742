import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventBus, eventJSON } from './bus';
import { eventMatches, validateEventFilters, type EventFilters } from './filter';

const f = (o: Record<string, string[]>): EventFilters => new Map(Object.entries(o));

function bus() {
  let t = 1_700_000_000_000_000_000n;
  return new EventBus(4, () => (t += 1000n));
}

test('history is bounded, ordered and selected by since/until', () => {
  const b = bus();
  const evs = [1, 2, 3, 4, 5].map((i) => b.emit('container', 'start', `c${i}`));
  assert.deepEqual(b.history().map((e) => e.Actor.ID), ['c2', 'c3', 'c4', 'c5']);
  assert.deepEqual(b.history(evs[2].timeNano, evs[3].timeNano).map((e) => e.Actor.ID), ['c3', 'c4']);
  assert.equal(evs[0].time, 1_700_000_000);
});

test('timeNano never repeats, even from a clock that stands still', () => {
  const b = new EventBus(10, () => 5n);
  const a = b.emit('image', 'tag', 'x');
  const c = b.emit('image', 'tag', 'y');
  assert.ok(c.timeNano > a.timeNano);
});

test('wire JSON: legacy fields for containers and images, exact timeNano', () => {
  const b = new EventBus(10, () => 1_795_000_000_123_456_789n);
  const c = b.emit('container', 'start', 'abc', { image: 'busybox', name: 'x' });
  assert.equal(
    eventJSON(c),
    '{"status":"start","id":"abc","from":"busybox","Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"image":"busybox","name":"x"}},"scope":"local","time":1795000000,"timeNano":1795000000123456789}',
  );
  const v = JSON.parse(eventJSON(b.emit('volume', 'create', 'v1', { driver: 'local' })));
  assert.equal(v.status, undefined);
  assert.equal(v.Type, 'volume');
  assert.equal(JSON.parse(eventJSON(b.emit('image', 'tag', 'sha256:1', { name: 'a:b' }))).from, undefined);
});

test('filters: container by name or ID prefix, image by name without tag, event with exec prefix, labels, type', () => {
  const b = bus();
  const start = b.emit('container', 'start', 'abcdef', { image: 'busybox:latest', name: 'web', tier: 'front' });
  const exec = b.emit('container', 'exec_start: sh -c true', 'abcdef', { image: 'busybox:latest', name: 'web', execID: 'e' });
  const health = b.emit('container', 'health_status: healthy', 'abcdef', { image: 'busybox', name: 'web' });
  const tag = b.emit('image', 'tag', 'sha256:99', { name: 'busybox:latest' });
  const vol = b.emit('volume', 'mount', 'data', { container: 'abcdef', driver: 'local' });
  const net = b.emit('network', 'connect', 'n123', { container: 'abcdef', name: 'front', type: 'bridge' });
  const all = [start, exec, health, tag, vol, net];
  const sel = (o: Record<string, string[]>) => all.filter((e) => eventMatches(f(o), e)).map((e) => e.Action);
  assert.deepEqual(sel({ container: ['web'] }), ['start', 'exec_start: sh -c true', 'health_status: healthy']);
  assert.deepEqual(sel({ container: ['abc'] }), ['start', 'exec_start: sh -c true', 'health_status: healthy']);
  assert.deepEqual(sel({ container: ['zzz'] }), []);
  assert.deepEqual(sel({ image: ['busybox'] }), ['start', 'exec_start: sh -c true', 'health_status: healthy', 'tag']);
  assert.deepEqual(sel({ event: ['exec_start'] }), ['exec_start: sh -c true']);
  assert.deepEqual(sel({ event: ['health_status'] }), ['health_status: healthy']);
  assert.deepEqual(sel({ event: ['start', 'tag'] }), ['start', 'tag']);
  assert.deepEqual(sel({ type: ['volume', 'network'] }), ['mount', 'connect']);
  assert.deepEqual(sel({ volume: ['data'] }), ['mount']);
  assert.deepEqual(sel({ network: ['front'] }), ['connect']);
  assert.deepEqual(sel({ network: ['n1'] }), ['connect']);
  assert.deepEqual(sel({ label: ['tier'] }), ['start']);
  assert.deepEqual(sel({ label: ['tier=front'] }), ['start']);
  assert.deepEqual(sel({ label: ['tier=back'] }), []);
  assert.deepEqual(sel({ type: ['container'], event: ['start'] }), ['start']);
  assert.deepEqual(sel({ daemon: ['x'] }), []);
});

test('filter validation as dockerd words it', () => {
  assert.equal(validateEventFilters(f({ container: ['x'], event: ['start'] })), null);
  assert.equal(validateEventFilters(f({ bogus: ['x'] })), "invalid filter 'bogus'");
  assert.equal(validateEventFilters(f({ type: ['nope'] })), "invalid filter 'type=nope'");
});
