import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { configFromV1, goTime, historyFromV1 } from './v1-config';

const sha = (s: string): string => 'sha256:' + createHash('sha256').update(s).digest('hex');

// A two-layer legacy archive loaded by Debian's dockerd 20.10: these are the
// config bytes and the image ID it made for the top layer.
const A = 'a'.repeat(64);
const base = { id: A, created: '2016-01-02T03:04:05.123456700Z', container_config: { Cmd: ['/bin/sh', '-c', '#(nop) ADD file:x in /'] }, docker_version: '1.10.3', config: { Cmd: ['sh'], Env: ['PATH=/bin'] }, architecture: 'amd64', os: 'linux', Size: 123 };
const top = { id: 'b'.repeat(64), parent: A, created: '2016-01-02T03:04:06Z', container_config: { Cmd: ['/bin/sh', '-c', 'echo <hello> & more'] }, docker_version: '1.10.3', author: 'me', config: { Cmd: ['cat', '/etc/hello'], Env: ['PATH=/bin', 'FOO=bar'], WorkingDir: '/etc', Labels: { l: 'v' } }, architecture: 'amd64', os: 'linux' };
const diffIds = ['sha256:4d51e51137ff1c4de7e99610fcacd053d94af4255e672321ddde012351811a24', 'sha256:7041d91d704818f9c14482dc5e420e7b4ddf565216c22a692c7db86b8047f4f5'];

test('configFromV1 writes the bytes dockerd writes (same image ID)', () => {
  const history = [historyFromV1(base), historyFromV1(top)];
  const json = configFromV1(top, diffIds, history);
  assert.equal(
    json,
    '{"architecture":"amd64","author":"me","config":{"Cmd":["cat","/etc/hello"],"Env":["PATH=/bin","FOO=bar"],"WorkingDir":"/etc","Labels":{"l":"v"}},"container_config":{"Cmd":["/bin/sh","-c","echo \\u003chello\\u003e \\u0026 more"]},"created":"2016-01-02T03:04:06Z","docker_version":"1.10.3","history":[{"created":"2016-01-02T03:04:05.1234567Z","created_by":"/bin/sh -c #(nop) ADD file:x in /"},{"created":"2016-01-02T03:04:06Z","author":"me","created_by":"/bin/sh -c echo \\u003chello\\u003e \\u0026 more"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:4d51e51137ff1c4de7e99610fcacd053d94af4255e672321ddde012351811a24","sha256:7041d91d704818f9c14482dc5e420e7b4ddf565216c22a692c7db86b8047f4f5"]}}',
  );
  assert.equal(sha(json), 'sha256:bf0ae5ec118078659951020514eadac258be5b0875519e685803371cd5b1986a');
  assert.equal(JSON.parse(json).config.Cmd.join(' '), 'cat /etc/hello');
});

test('goTime: Go RFC3339Nano round trip; missing is the zero time; garbage refused', () => {
  assert.equal(goTime('2016-01-02T03:04:05.100Z'), '2016-01-02T03:04:05.1Z');
  assert.equal(goTime('2016-01-02T03:04:05.000+00:00'), '2016-01-02T03:04:05Z');
  assert.equal(goTime('2016-01-02T03:04:05+02:00'), '2016-01-02T03:04:05+02:00');
  assert.equal(goTime(undefined), '0001-01-01T00:00:00Z');
  assert.throws(() => goTime('yesterday'), /not an RFC 3339 time/);
});
