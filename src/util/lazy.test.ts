import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lazy } from './lazy';

test('lazy runs its loader once, on the first call, and keeps what it gave (undefined too)', () => {
  let calls = 0;
  const get = lazy(() => {
    calls++;
    return undefined;
  });
  assert.equal(calls, 0, 'nothing loads before the first use');
  assert.equal(get(), undefined);
  assert.equal(get(), undefined);
  assert.equal(calls, 1);
});

test('a loader that throws is tried again on the next call', () => {
  let calls = 0;
  const get = lazy(() => {
    if (++calls === 1) throw new Error('not yet');
    return 42;
  });
  assert.throws(get, /not yet/);
  assert.equal(get(), 42);
  assert.equal(calls, 2);
});
