import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatPlatform, parsePlatform, selectManifest } from './platform';

const host = { os: 'linux', architecture: 'amd64' };

test('parse platforms like containerd', () => {
  assert.deepEqual(parsePlatform('linux/amd64', host), { os: 'linux', architecture: 'amd64' });
  assert.deepEqual(parsePlatform('linux/arm64/v8', host), { os: 'linux', architecture: 'arm64' });
  assert.deepEqual(parsePlatform('linux/arm', host), { os: 'linux', architecture: 'arm', variant: 'v7' });
  assert.deepEqual(parsePlatform('linux/x86_64', host), { os: 'linux', architecture: 'amd64' });
  assert.deepEqual(parsePlatform('arm64', host), { os: 'linux', architecture: 'arm64' });
  assert.deepEqual(parsePlatform('linux', host), { os: 'linux', architecture: 'amd64' });
  assert.throws(() => parsePlatform('a/b/c/d', host), /unknown operating system or architecture/);
  assert.throws(() => parsePlatform('', host), /unknown operating system/);
  assert.equal(formatPlatform({ os: 'linux', architecture: 'arm', variant: 'v7' }), 'linux/arm/v7');
});

test('select a manifest from an index', () => {
  const m = (architecture: string, variant?: string, os = 'linux') => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: `sha256:${architecture}${variant ?? ''}`,
    size: 1,
    platform: { os, architecture, ...(variant ? { variant } : {}) },
  });
  const list = [m('amd64', undefined, 'windows'), m('amd64'), m('arm', 'v6'), m('arm', 'v7'), m('arm64', 'v8')];
  assert.equal(selectManifest(list, { os: 'linux', architecture: 'amd64' }).digest, 'sha256:amd64');
  assert.equal(selectManifest(list, { os: 'linux', architecture: 'arm', variant: 'v7' }).digest, 'sha256:armv7');
  assert.equal(selectManifest(list, { os: 'linux', architecture: 'arm64' }).digest, 'sha256:arm64v8');
  assert.throws(() => selectManifest(list, { os: 'linux', architecture: 's390x' }), /no matching manifest for linux\/s390x in the manifest list entries/);
});
