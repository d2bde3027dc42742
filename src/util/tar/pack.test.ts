import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fsp, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar-stream';
import { packTree } from './pack';
import { extractTar } from './extract';
import { rangesFrom } from '../idmap';

async function list(src: AsyncIterable<Buffer>): Promise<{ name: string; type: string; linkname?: string | null; body: string }[]> {
  const chunks: Buffer[] = [];
  for await (const c of src) chunks.push(c);
  const ex = tar.extract();
  const out: { name: string; type: string; linkname?: string | null; body: string }[] = [];
  const done = (async () => {
    for await (const e of ex) {
      let body = '';
      for await (const c of e) body += (c as Buffer).toString();
      out.push({ name: e.header.name, type: e.header.type as string, linkname: e.header.linkname, body });
    }
  })();
  ex.end(Buffer.concat(chunks));
  await done;
  return out;
}

const isRoot = process.getuid?.() === 0;

test('packs a tree: names under the given top name, symlinks not followed, hardlinks as links', async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-pack-'));
  try {
    const d = path.join(base, 'dir');
    await fsp.mkdir(path.join(d, 'sub'), { recursive: true });
    await fsp.writeFile(path.join(d, 'a.txt'), 'A');
    await fsp.link(path.join(d, 'a.txt'), path.join(d, 'sub', 'hard'));
    await fsp.symlink('/etc/passwd', path.join(d, 'link'));
    const entries = await list(packTree(d, 'top'));
    assert.deepEqual(
      entries.map((e) => [e.name, e.type, e.linkname ?? null, e.body]),
      [
        ['top/', 'directory', null, ''],
        ['top/a.txt', 'file', null, 'A'],
        ['top/link', 'symlink', '/etc/passwd', ''],
        ['top/sub/', 'directory', null, ''],
        ['top/sub/hard', 'link', 'top/a.txt', ''],
      ],
    );
    const root = await list(packTree(d, '', { skip: (p) => p.endsWith('sub') }));
    assert.deepEqual(root.map((e) => e.name), ['a.txt', 'link']);
    const single = await list(packTree(path.join(d, 'a.txt'), 'renamed.txt'));
    assert.deepEqual(single.map((e) => e.name), ['renamed.txt']);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('overlay whiteouts become OCI .wh. entries and back', { skip: !isRoot }, async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-pack-'));
  try {
    const upper = path.join(base, 'upper');
    await fsp.mkdir(path.join(upper, 'opq'), { recursive: true });
    await fsp.writeFile(path.join(upper, 'opq', 'new'), 'n');
    execFileSync('mknod', [path.join(upper, 'gone'), 'c', '0', '0']);
    execFileSync('setfattr', ['-n', 'trusted.overlay.opaque', '-v', 'y', path.join(upper, 'opq')]);
    const entries = await list(packTree(upper, '', { overlayWhiteouts: true }));
    assert.deepEqual(entries.map((e) => e.name), ['.wh.gone', 'opq/', 'opq/.wh..wh..opq', 'opq/new']);
    // and extracting them again gives overlay whiteouts
    const again = path.join(base, 'again');
    await fsp.mkdir(again);
    await extractTar(packTree(upper, '', { overlayWhiteouts: true }), again);
    const st = lstatSync(path.join(again, 'gone'));
    assert.ok(st.isCharacterDevice() && st.rdev === 0);
    assert.match(execFileSync('getfattr', ['-n', 'trusted.overlay.opaque', '--only-values', path.join(again, 'opq')]).toString(), /^y/);
    assert.equal(readFileSync(path.join(again, 'opq', 'new'), 'utf8'), 'n');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('a remapped store: extraction shifts ids up, packing shifts them back (unmapped ids: the overflow id)', { skip: !isRoot && 'needs root' }, async () => {
  const idMap = { uids: rangesFrom([{ start: 100000, count: 65536 }]), gids: rangesFrom([{ start: 200000, count: 65536 }]) };
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-pack-'));
  try {
    const src = path.join(base, 'src');
    await fsp.mkdir(path.join(src, 'home'), { recursive: true });
    await fsp.writeFile(path.join(src, 'home', 'f'), 'x');
    await fsp.symlink('f', path.join(src, 'home', 'l'));
    await fsp.lchown(path.join(src, 'home'), 0, 0);
    await fsp.lchown(path.join(src, 'home', 'f'), 1000, 50);
    await fsp.lchown(path.join(src, 'home', 'l'), 7, 8);
    const dest = path.join(base, 'dest');
    await fsp.mkdir(dest);
    await extractTar(packTree(src, ''), dest, { idMap });
    const own = (p: string) => {
      const st = lstatSync(path.join(dest, p));
      return [st.uid, st.gid];
    };
    assert.deepEqual(own('home'), [100000, 200000]);
    assert.deepEqual(own('home/f'), [101000, 200050]);
    assert.deepEqual(own('home/l'), [100007, 200008]);
    // docker cp -a: the owner given is the container's, shifted too.
    const cp = path.join(base, 'cp');
    await fsp.mkdir(cp);
    await extractTar(packTree(src, ''), cp, { idMap, owner: { uid: 33, gid: 33 } });
    assert.deepEqual([lstatSync(path.join(cp, 'home/f')).uid, lstatSync(path.join(cp, 'home/f')).gid], [100033, 200033]);
    // A file of host root inside the store (made by the host, not the container).
    await fsp.writeFile(path.join(dest, 'home', 'hostmade'), '');
    const headers: Record<string, [number, number]> = {};
    const ex = tar.extract();
    const chunks: Buffer[] = [];
    for await (const c of packTree(dest, '', { idMap })) chunks.push(c);
    const done = (async () => {
      for await (const e of ex) {
        headers[e.header.name] = [e.header.uid ?? -1, e.header.gid ?? -1];
        e.resume();
      }
    })();
    ex.end(Buffer.concat(chunks));
    await done;
    assert.deepEqual(headers['home/'], [0, 0]);
    assert.deepEqual(headers['home/f'], [1000, 50]);
    assert.deepEqual(headers['home/l'], [7, 8]);
    assert.deepEqual(headers['home/hostmade'], [65534, 65534]);
    // An id the mapping cannot hold is refused, nothing is guessed.
    await fsp.lchown(path.join(src, 'home', 'f'), 70000, 0);
    const bad = path.join(base, 'bad');
    await fsp.mkdir(bad);
    await assert.rejects(extractTar(packTree(src, ''), bad, { idMap }), /Container ID 70000 cannot be mapped to a host ID/);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
