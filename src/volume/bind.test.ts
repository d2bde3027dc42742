import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanPath, parseBind } from './bind';

test('binds: host path, named volume, anonymous volume', () => {
  assert.deepEqual(parseBind('/srv/data:/data'), {
    type: 'bind', source: '/srv/data', destination: '/data', readOnly: false, mode: '', propagation: 'rprivate', noCopy: false,
  });
  assert.deepEqual(parseBind('cache:/var/cache:ro'), {
    type: 'volume', source: 'cache', destination: '/var/cache', readOnly: true, mode: 'ro', propagation: '', noCopy: false,
  });
  assert.equal(parseBind('/anon').source, '');
  assert.equal(parseBind('/anon').type, 'volume');
  assert.equal(parseBind('v:/x:nocopy').noCopy, true);
  assert.equal(parseBind('/h:/c:ro,rshared').propagation, 'rshared');
  assert.equal(parseBind('/h/../h2/:/c/./d/').source, '/h2');
  assert.equal(parseBind('/h:/c/./d/').destination, '/c/d');
});

test('binds: bad specs get dockerd messages', () => {
  assert.throws(() => parseBind(''), /invalid empty volume spec/);
  assert.throws(() => parseBind('a:b:c:d'), /invalid volume specification: 'a:b:c:d'/);
  assert.throws(() => parseBind('/h::ro'), /invalid volume specification/);
  assert.throws(() => parseBind('/h:/c:rw,ro'), /invalid mode: rw,ro/);
  assert.throws(() => parseBind('/h:/c:xyz'), /invalid mode: xyz/);
  assert.throws(() => parseBind('/h:/c:nocopy'), /invalid mode: nocopy/);
  assert.throws(() => parseBind('v:/c:shared'), /field BindOptions must not be specified/);
  assert.throws(() => parseBind('/h:rel'), /mount path must be absolute/);
  assert.throws(() => parseBind('/h:/'), /destination can't be '\/'/);
});

test('cleanPath is Go path.Clean for absolute paths', () => {
  assert.equal(cleanPath('/a/b/../c/.//d/'), '/a/c/d');
  assert.equal(cleanPath('/../..'), '/');
});
