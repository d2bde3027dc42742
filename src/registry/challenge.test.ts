import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseChallenges } from './challenge';

test('bearer challenge with realm, service and scope', () => {
  assert.deepEqual(
    parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"'),
    [{ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push' } }],
  );
});

test('basic challenge, several headers, escapes, token values', () => {
  assert.deepEqual(parseChallenges(['Basic realm="basic-realm"', 'Bearer realm="x\\"y", error=invalid_token']), [
    { scheme: 'basic', params: { realm: 'basic-realm' } },
    { scheme: 'bearer', params: { realm: 'x"y', error: 'invalid_token' } },
  ]);
  assert.deepEqual(parseChallenges('Basic realm="a", Bearer realm="b"'), [
    { scheme: 'basic', params: { realm: 'a' } },
    { scheme: 'bearer', params: { realm: 'b' } },
  ]);
  assert.deepEqual(parseChallenges(undefined), []);
  assert.deepEqual(parseChallenges('Negotiate'), [{ scheme: 'negotiate', params: {} }]);
});
