import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHost } from './host';
import { compareVersions, negotiateVersion } from './negotiate';
import { encodeFilters, encodeQuery, pathSegment } from './query';
import { splitDocuments } from './jsonstream';

test('encodeQuery: docker conventions', () => {
  assert.equal(encodeQuery({ all: true, size: false, limit: 3, name: undefined }), '?all=1&limit=3');
  assert.equal(encodeQuery({ changes: ['CMD ["sh"]', 'ENV A=1'], fromSrc: '-' }), '?changes=CMD+%5B%22sh%22%5D&changes=ENV+A%3D1&fromSrc=-');
  assert.equal(encodeQuery({}), '');
  assert.equal(encodeQuery({ t: 0 }), '?t=0');
});

test('encodeFilters: {"key":{"value":true}} with sorted keys', () => {
  const f = new Map([
    ['status', ['running']],
    ['label', ['a=b', 'c']],
  ]);
  assert.equal(encodeFilters(f), '{"label":{"a=b":true,"c":true},"status":{"running":true}}');
  assert.equal(encodeFilters(new Map()), undefined);
});

test('pathSegment keeps image references readable', () => {
  assert.equal(pathSegment('docker.io/library/busybox:latest'), 'docker.io/library/busybox:latest');
  assert.equal(pathSegment('a b?'), 'a%20b%3F');
  assert.equal(pathSegment('x@sha256:abc'), 'x@sha256:abc');
});

test('negotiateVersion: min(ours, server); 1.24 when the server says nothing', () => {
  assert.equal(negotiateVersion('1.47', '1.45'), '1.45');
  assert.equal(negotiateVersion('1.47', '1.50'), '1.47');
  assert.equal(negotiateVersion('1.47', '1.47'), '1.47');
  assert.equal(negotiateVersion('1.47', undefined), '1.24');
  assert.equal(negotiateVersion('1.47', 'garbage'), '1.24');
  assert.equal(compareVersions('1.9', '1.10'), -1);
  assert.equal(compareVersions('1.40', '1.4'), 1);
});

test('parseHost: unix and tcp', () => {
  assert.deepEqual(parseHost('unix:///run/berth/berth.sock'), { proto: 'unix', path: '/run/berth/berth.sock', url: 'unix:///run/berth/berth.sock' });
  assert.deepEqual(parseHost(undefined), parseHost('unix:///run/berth/berth.sock'));
  assert.deepEqual(parseHost('tcp://127.0.0.1:2375'), { proto: 'tcp', host: '127.0.0.1', port: 2375, url: 'tcp://127.0.0.1:2375' });
  assert.equal((parseHost('tcp://example') as { port: number }).port, 2375);
  assert.deepEqual(parseHost('tcp://[::1]:9000'), { proto: 'tcp', host: '::1', port: 9000, url: 'tcp://[::1]:9000' });
  assert.throws(() => parseHost('/just/a/path'), /unable to parse berth host/);
  assert.throws(() => parseHost('ssh://me@host'), /protocol not available/);
});

test('splitDocuments: newline-less concatenated JSON', () => {
  assert.deepEqual(splitDocuments('{"a":1}{"b":"}{"}\r'), ['{"a":1}', '{"b":"}{"}']);
  assert.deepEqual(splitDocuments('  '), []);
});
