// The secure join every cp, copy-up and load path goes through.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { promises as fsp, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanComponents, resolveFollow, resolveInRoot, resolveNoFollow } from './resolve';

async function withRoot(fn: (root: string, outside: string) => Promise<void>): Promise<void> {
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-resolve-'));
  const root = path.join(base, 'root');
  const outside = path.join(base, 'outside');
  await fsp.mkdir(path.join(root, 'a', 'b'), { recursive: true });
  await fsp.mkdir(outside);
  try {
    await fn(root, outside);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

test('cleanComponents clamps .. at the root and drops . and empty parts', () => {
  assert.deepEqual(cleanComponents('/../../etc/./passwd'), ['etc', 'passwd']);
  assert.deepEqual(cleanComponents('a//b/../c/'), ['a', 'c']);
  assert.deepEqual(cleanComponents('/'), []);
});

test('absolute and relative symlinks are followed inside the root, never to the host', async () => {
  await withRoot(async (root, outside) => {
    await fsp.symlink(outside, path.join(root, 'abs'));
    await fsp.symlink('../../../../../..' + outside, path.join(root, 'a', 'rel'));
    await fsp.symlink('/', path.join(root, 'a', 'b', 'toroot'));
    await fsp.symlink('b', path.join(root, 'a', 'sib'));
    assert.equal(await resolveFollow(root, '/abs/file'), path.join(root, outside, 'file'));
    assert.equal(await resolveFollow(root, '/a/rel/file'), path.join(root, outside, 'file'));
    assert.equal(await resolveFollow(root, '/a/b/toroot/a'), path.join(root, 'a'));
    assert.equal(await resolveFollow(root, 'a/sib'), path.join(root, 'a', 'b'));
    // the last component is kept as it is with resolveNoFollow (lstat semantics)
    assert.equal(await resolveNoFollow(root, '/a/sib'), path.join(root, 'a', 'sib'));
    assert.equal(await resolveNoFollow(root, '/abs/x'), path.join(root, outside, 'x'));
    assert.equal(await resolveNoFollow(root, '/'), root);
  });
});

test('symlink loops are an error, missing components are kept', async () => {
  await withRoot(async (root) => {
    await fsp.symlink('loop2', path.join(root, 'loop1'));
    await fsp.symlink('loop1', path.join(root, 'loop2'));
    await assert.rejects(resolveInRoot(root, ['loop1', 'x']), /too many levels of symbolic links/);
    assert.deepEqual(await resolveInRoot(root, ['a', 'missing', 'deeper']), ['a', 'missing', 'deeper']);
  });
});
