import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldKeys } from './fold-keys';

test('keys fold onto the known field names, others stay', () => {
  assert.deepEqual(foldKeys({ detachKeys: 'ctrl-x', cmd: ['sh'], Extra: 1 }, ['DetachKeys', 'Cmd']), { DetachKeys: 'ctrl-x', Cmd: ['sh'], Extra: 1 });
});

test('the exact spelling wins over another casing in either order', () => {
  assert.deepEqual(foldKeys({ Tty: true, tty: false }, ['Tty']), { Tty: true });
  assert.deepEqual(foldKeys({ tty: false, Tty: true }, ['Tty']), { Tty: true });
});

test('non-objects pass through', () => {
  assert.equal(foldKeys(null, ['A']), null);
  assert.deepEqual(foldKeys([1], ['A']), [1]);
});
