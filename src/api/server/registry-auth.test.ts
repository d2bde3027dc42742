import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { decodeRegistryAuth } from './registry-auth';

test('X-Registry-Auth decoding', () => {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  assert.deepEqual(decodeRegistryAuth(enc({ username: 'u', password: 'p?>', serveraddress: 'localhost:5000' })), {
    username: 'u', password: 'p?>', auth: undefined, serveraddress: 'localhost:5000', identitytoken: undefined, registrytoken: undefined,
  });
  assert.equal(decodeRegistryAuth('e30='), undefined, '{} is anonymous');
  assert.equal(decodeRegistryAuth(undefined), undefined);
  assert.equal(decodeRegistryAuth('!!!not base64 json'), undefined);
  assert.equal(decodeRegistryAuth(Buffer.from(JSON.stringify({ username: 'a', password: 'b' })).toString('base64'))?.username, 'a', 'standard base64 too');
});
