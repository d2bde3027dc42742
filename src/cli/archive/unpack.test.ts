// The client side of `cp CONTAINER:SRC DEST` gets a tar from a container it
// must not trust.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { promises as fsp, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar-stream';
import { unpackLocal } from './unpack';
import { packLocal } from './pack';
import { splitCpArg } from '../commands/cp';

async function makeTar(entries: (Partial<tar.Header> & { name: string; body?: string })[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const { body, ...h } of entries) {
    await new Promise<void>((r, j) => pack.entry({ type: 'file', mode: 0o644, ...h } as tar.Header, body ?? '', (e) => (e ? j(e) : r())));
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function* of(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

async function withDirs(fn: (dest: string, outside: string) => Promise<void>): Promise<void> {
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-unpack-'));
  await fsp.mkdir(path.join(base, 'dest'));
  await fsp.mkdir(path.join(base, 'outside'));
  try {
    await fn(path.join(base, 'dest'), path.join(base, 'outside'));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

test('unpacks files, dirs, symlinks and hardlinks, with a rebase of the top entry', async () => {
  await withDirs(async (dest) => {
    const buf = await makeTar([
      { name: 'tree/', type: 'directory', mode: 0o755 },
      { name: 'tree/a', body: 'A' },
      { name: 'tree/l', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'tree/h', type: 'link', linkname: 'tree/a' },
    ]);
    await unpackLocal(of(buf), dest, { rebase: ['tree', 'renamed'] });
    assert.equal(readFileSync(path.join(dest, 'renamed', 'a'), 'utf8'), 'A');
    assert.ok(lstatSync(path.join(dest, 'renamed', 'l')).isSymbolicLink());
    assert.equal(lstatSync(path.join(dest, 'renamed', 'h')).ino, lstatSync(path.join(dest, 'renamed', 'a')).ino);
  });
});

test('refuses .., absolute names, writes through symlinks and hardlinks out of the archive', async () => {
  await withDirs(async (dest, outside) => {
    for (const evil of [
      [{ name: '../escape', body: 'x' }],
      [{ name: '/abs', body: 'x' }],
      [{ name: 'l', type: 'symlink' as const, linkname: outside }, { name: 'l/through', body: 'x' }],
      [{ name: 'h', type: 'link' as const, linkname: '../outside/x' }],
      [{ name: 'h2', type: 'link' as const, linkname: 'etc/passwd' }],
    ]) {
      await assert.rejects(unpackLocal(of(await makeTar(evil)), dest), /refusing/);
    }
    assert.deepEqual(readdirSync(outside), []);
    assert.ok(!existsSync(path.join(path.dirname(dest), 'escape')));
  });
});

test('pack → unpack round trip and cp argument splitting', async () => {
  await withDirs(async (dest, outside) => {
    await fsp.mkdir(path.join(outside, 'src', 'sub'), { recursive: true });
    await fsp.writeFile(path.join(outside, 'src', 'sub', 'f'), 'F');
    await unpackLocal(packLocal(path.join(outside, 'src'), 'copy'), dest);
    assert.equal(readFileSync(path.join(dest, 'copy', 'sub', 'f'), 'utf8'), 'F');
  });
  assert.deepEqual(splitCpArg('ctr:/etc/hosts'), ['ctr', '/etc/hosts']);
  assert.deepEqual(splitCpArg('/abs:with:colons'), ['', '/abs:with:colons']);
  assert.deepEqual(splitCpArg('./rel:x'), ['', './rel:x']);
  assert.deepEqual(splitCpArg('dir/file:x'), ['', 'dir/file:x']);
  assert.deepEqual(splitCpArg('-'), ['', '-']);
});
