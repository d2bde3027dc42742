// A stats stream waits once per second on the request's AbortSignal: each
// wait must take its listener away again, or a stream open for 11 seconds
// trips MaxListenersExceededWarning and leaks for as long as it runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { tick } from './stats';

test('tick: one abort listener at most, however many ticks', async () => {
  const abort = new AbortController();
  for (let i = 0; i < 30; i++) {
    await tick(1, abort.signal);
    assert.equal(getEventListeners(abort.signal, 'abort').length, 0);
  }
  const waiting = tick(60_000, abort.signal);
  assert.equal(getEventListeners(abort.signal, 'abort').length, 1);
  abort.abort();
  await waiting;
});
