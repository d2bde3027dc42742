import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chainID, chainIDs } from './chainid';

const a = 'sha256:' + 'a'.repeat(64);
const b = 'sha256:' + 'b'.repeat(64);
const c = 'sha256:' + 'c'.repeat(64);
const h = (s: string): string => 'sha256:' + createHash('sha256').update(s).digest('hex');

test('chainID per the OCI image spec', () => {
  assert.equal(chainID([]), null);
  assert.equal(chainID([a]), a);
  const ab = h(`${a} ${b}`);
  assert.equal(chainID([a, b]), ab);
  assert.deepEqual(chainIDs([a, b, c]), [a, ab, h(`${ab} ${c}`)]);
  assert.throws(() => chainID(['nope']), /invalid digest/);
});
