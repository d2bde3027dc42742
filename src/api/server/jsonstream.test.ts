import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { progressString } from './jsonstream';

test('progress bars as dockerd renders them', () => {
  assert.equal(progressString(0, 0), '');
  assert.equal(progressString(1_234_567, 0), ' 1.235MB');
  assert.equal(progressString(512_000, 1_024_000), `[${'='.repeat(25)}>${' '.repeat(25)}]    512kB/1.024MB`);
  assert.equal(progressString(1_024_000, 1_024_000), `[${'='.repeat(50)}>]  1.024MB/1.024MB`, 'numbers are %8v/%v');
});
