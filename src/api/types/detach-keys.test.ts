import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detachKeysToBytes, EscapeProxy } from './detach-keys';

test('detach keys: docker notation', () => {
  assert.deepEqual([...detachKeysToBytes('ctrl-p,ctrl-q')], [16, 17]);
  assert.deepEqual([...detachKeysToBytes('ctrl-@,a,DEL')], [0, 97, 127]);
  assert.throws(() => detachKeysToBytes('ctrl-1'), /Unknown character: 'ctrl-1'/);
});

test('escape proxy: the sequence detaches, partial sequences pass through', () => {
  let p = new EscapeProxy();
  assert.deepEqual(p.push(Buffer.from('ls\r')), { forward: Buffer.from('ls\r'), detach: false });
  assert.deepEqual(p.push(Buffer.from([16])), { forward: Buffer.alloc(0), detach: false });
  assert.deepEqual(p.push(Buffer.from([17])), { forward: Buffer.alloc(0), detach: true });
  p = new EscapeProxy();
  p.push(Buffer.from([16]));
  assert.deepEqual(p.push(Buffer.from('x')), { forward: Buffer.from([16, 120]), detach: false });
  p = new EscapeProxy(detachKeysToBytes('a,b,c'));
  assert.deepEqual(p.push(Buffer.from('xaabxabc')), { forward: Buffer.from('xaabx'), detach: true });
});
