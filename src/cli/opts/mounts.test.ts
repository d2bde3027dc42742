import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMount, splitCSV, splitVolumes } from './mounts';

test('-v: binds, relative sources made absolute, anonymous volumes', () => {
  const r = splitVolumes(['/h:/c:ro', 'named:/data', './rel:/x', '/anon'], (p) => `/cwd/${p.replace(/^\.\//, '')}`);
  assert.deepEqual(r.binds, ['/h:/c:ro', 'named:/data', '/cwd/rel:/x']);
  assert.deepEqual(r.volumes, { '/anon': {} });
  assert.throws(() => splitVolumes(['']), /invalid empty volume spec/);
  assert.throws(() => splitVolumes([':/x']), /empty section between colons/);
});

test('--mount: types, options, errors', () => {
  assert.deepEqual(parseMount('type=bind,source=/h,target=/c,readonly'), { Type: 'bind', Source: '/h', Target: '/c', ReadOnly: true });
  assert.deepEqual(parseMount('type=volume,src=v,dst=/d,volume-nocopy,volume-label=a=b'), {
    Type: 'volume', Source: 'v', Target: '/d', VolumeOptions: { NoCopy: true, Labels: { a: 'b' } },
  });
  assert.deepEqual(parseMount('type=tmpfs,target=/t,tmpfs-size=1m,tmpfs-mode=1770'), {
    Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 1048576, Mode: 0o1770 },
  });
  assert.equal(parseMount('target=/x').Type, 'volume');
  assert.equal(parseMount('type=bind,src=./a,dst=/x', (p) => `/abs/${p}`).Source, '/abs/./a');
  assert.throws(() => parseMount('type=bind,source=/h'), /target is required/);
  assert.throws(() => parseMount('type=bind,src=/h,dst=/c,volume-nocopy'), /cannot mix 'volume-\*' options with mount type 'bind'/);
  assert.throws(() => parseMount('type=tmpfs,dst=/c,tmpfs-mode=9'), /invalid value for tmpfs-mode/);
  assert.throws(() => parseMount('type=bind,bogus=1,dst=/c'), /unexpected key 'bogus'/);
  assert.throws(() => parseMount('type=bind,dst=/c,readonly=maybe'), /invalid value for readonly/);
  assert.deepEqual(splitCSV('a,"b,c",d'), ['a', 'b,c', 'd']);
});
