import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { promises as fsp, mkdtempSync, rmSync, lstatSync, readFileSync, statSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import * as tar from 'tar-stream';
import { extractTar } from './extract';
import { sha256Digest } from '../digest';

type E = { name: string; type?: 'file' | 'directory' | 'symlink' | 'link'; body?: string; linkname?: string; mode?: number; uid?: number; gid?: number; mtime?: Date };

async function makeTar(entries: E[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => {
      pack.entry({ type: 'file', mode: 0o644, ...e, name: e.name }, e.body ?? '', (err) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  // several chunks, to exercise the streaming path
  for (let i = 0; i < buf.length; i += 777) yield buf.subarray(i, i + 777);
}

const isRoot = process.getuid?.() === 0;

async function withDirs(fn: (root: string, outside: string) => Promise<void>): Promise<void> {
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-extract-'));
  const root = path.join(base, 'root');
  const outside = path.join(base, 'outside');
  await fsp.mkdir(root);
  await fsp.mkdir(outside);
  try {
    await fn(root, outside);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

test('extracts files, dirs, symlinks, hardlinks with modes and times; diffID is sha256 of the tar', async () => {
  await withDirs(async (root) => {
    const mtime = new Date('2020-01-02T03:04:05Z');
    const buf = await makeTar([
      { name: 'bin/', type: 'directory', mode: 0o755, mtime },
      { name: 'bin/tool', body: 'hello', mode: 0o4755, uid: 1000, gid: 1001, mtime },
      { name: 'bin/link', type: 'symlink', linkname: 'tool', mtime },
      { name: 'bin/hard', type: 'link', linkname: 'bin/tool' },
      { name: './etc/conf', body: 'x=1' },
    ]);
    const res = await extractTar(once(buf), root);
    assert.equal(res.diffID, sha256Digest(buf));
    assert.equal(res.size, buf.length);
    assert.equal(res.compression, 'none');
    const st = statSync(path.join(root, 'bin/tool'));
    assert.equal(st.mode & 0o7777, 0o4755);
    assert.equal(st.mtime.getTime(), mtime.getTime());
    if (isRoot) assert.deepEqual([st.uid, st.gid], [1000, 1001]);
    assert.equal(statSync(path.join(root, 'bin')).mtime.getTime(), mtime.getTime());
    assert.equal(lstatSync(path.join(root, 'bin/link')).isSymbolicLink(), true);
    assert.equal(statSync(path.join(root, 'bin/hard')).ino, st.ino);
    assert.equal(readFileSync(path.join(root, 'etc/conf'), 'utf8'), 'x=1');
  });
});

test('gzip is detected by magic bytes; diffID is of the uncompressed stream', async () => {
  await withDirs(async (root) => {
    const buf = await makeTar([{ name: 'a', body: 'A' }]);
    const res = await extractTar(once(gzipSync(buf)), root);
    assert.equal(res.compression, 'gzip');
    assert.equal(res.diffID, sha256Digest(buf));
    assert.equal(readFileSync(path.join(root, 'a'), 'utf8'), 'A');
  });
});

test('hostile paths stay inside the root', async () => {
  await withDirs(async (root, outside) => {
    const rel = path.relative(root, outside); // "../outside"
    const buf = await makeTar([
      { name: '../../../../etc/x', body: 'dotdot' },
      { name: '/abs/y', body: 'abs' },
      { name: `${rel}/z`, body: 'rel' },
      // a symlink pointing at a host directory, then a file written "through" it
      { name: 'evil', type: 'symlink', linkname: outside },
      { name: 'evil/pwned', body: 'through symlink' },
      { name: 'rel', type: 'symlink', linkname: '../../../../../' + outside.slice(1) },
      { name: 'rel/pwned2', body: 'through relative symlink' },
      { name: 'tmplink', type: 'symlink', linkname: '/tmp' },
      { name: 'tmplink/escaped', body: 'tmp' },
    ]);
    await extractTar(once(buf), root);
    assert.deepEqual(await fsp.readdir(outside), [], 'nothing written outside');
    assert.equal(existsSync('/tmp/escaped'), false);
    assert.equal(readFileSync(path.join(root, 'etc/x'), 'utf8'), 'dotdot');
    assert.equal(readFileSync(path.join(root, 'abs/y'), 'utf8'), 'abs');
    assert.equal(readFileSync(path.join(root, 'outside/z'), 'utf8'), 'rel');
    // symlinks are resolved with the root as '/'
    assert.equal(readFileSync(path.join(root, outside, 'pwned'), 'utf8'), 'through symlink');
    assert.equal(readFileSync(path.join(root, outside, 'pwned2'), 'utf8'), 'through relative symlink');
    assert.equal(readFileSync(path.join(root, 'tmp/escaped'), 'utf8'), 'tmp');
    // the symlinks themselves are kept verbatim
    assert.equal(await fsp.readlink(path.join(root, 'evil')), outside);
  });
});

test('a hardlink to /etc/passwd links the in-root file, never the host one', async () => {
  await withDirs(async (root) => {
    const buf = await makeTar([
      { name: 'etc/passwd', body: 'root:x:0:0::/root:/bin/sh\n' },
      { name: 'pw1', type: 'link', linkname: '/etc/passwd' },
      { name: 'pw2', type: 'link', linkname: '../../../etc/passwd' },
    ]);
    await extractTar(once(buf), root);
    const inRoot = statSync(path.join(root, 'etc/passwd')).ino;
    assert.equal(statSync(path.join(root, 'pw1')).ino, inRoot);
    assert.equal(statSync(path.join(root, 'pw2')).ino, inRoot);
    assert.notEqual(inRoot, statSync('/etc/passwd').ino);
  });
});

test('a hardlink whose target is missing from the root is refused', async () => {
  await withDirs(async (root) => {
    const buf = await makeTar([{ name: 'pw', type: 'link', linkname: '/etc/passwd' }]);
    await assert.rejects(extractTar(once(buf), root), /invalid hardlink/);
    assert.equal(existsSync(path.join(root, 'pw')), false);
  });
});

test('a hardlink through a symlinked dir pointing out resolves inside the root', async () => {
  await withDirs(async (root) => {
    const buf = await makeTar([
      { name: 'hostetc', type: 'symlink', linkname: '/etc' },
      { name: 'pw', type: 'link', linkname: 'hostetc/passwd' },
    ]);
    await assert.rejects(extractTar(once(buf), root), /invalid hardlink/);
  });
});

test('whiteouts become overlay whiteouts; opaque dirs get the xattr', { skip: !isRoot && 'needs root' }, async () => {
  await withDirs(async (root) => {
    await fsp.mkdir(path.join(root, 'dir'));
    await fsp.writeFile(path.join(root, 'gone'), 'old');
    const buf = await makeTar([
      { name: '.wh.gone', body: '' },
      { name: 'dir/.wh..wh..opq', body: '' },
      { name: 'dir/.wh...', body: '' }, // names "..": must not delete the parent
      { name: 'dir/kept', body: 'k' },
    ]);
    await extractTar(once(buf), root);
    const st = lstatSync(path.join(root, 'gone'));
    assert.equal(st.isCharacterDevice(), true);
    assert.equal(st.rdev, 0);
    const attr = execFileSync('getfattr', ['--absolute-names', '--only-values', '-n', 'trusted.overlay.opaque', path.join(root, 'dir')]).toString();
    assert.equal(attr, 'y');
    assert.equal(readFileSync(path.join(root, 'dir/kept'), 'utf8'), 'k');
    assert.equal(existsSync(path.join(root, '.wh.gone')), false);
  });
});

test("whiteouts in 'delete' mode remove files and opaque dirs' old children", async () => {
  await withDirs(async (root) => {
    await fsp.mkdir(path.join(root, 'dir'));
    await fsp.writeFile(path.join(root, 'dir/old'), 'old');
    await fsp.writeFile(path.join(root, 'gone'), 'old');
    const buf = await makeTar([
      { name: 'dir/new', body: 'n' },
      { name: 'dir/.wh..wh..opq', body: '' },
      { name: '.wh.gone', body: '' },
    ]);
    await extractTar(once(buf), root, { whiteouts: 'delete' });
    assert.equal(existsSync(path.join(root, 'gone')), false);
    assert.deepEqual(await fsp.readdir(path.join(root, 'dir')), ['new']);
  });
});

test('a later entry replaces an earlier one of another type', async () => {
  await withDirs(async (root) => {
    const buf = await makeTar([
      { name: 'x/', type: 'directory' },
      { name: 'x/inner', body: '1' },
      { name: 'x', type: 'symlink', linkname: '/nowhere' },
      { name: 'y', body: 'file' },
      { name: 'y/', type: 'directory' },
    ]);
    await extractTar(once(buf), root);
    assert.equal(lstatSync(path.join(root, 'x')).isSymbolicLink(), true);
    assert.equal(lstatSync(path.join(root, 'y')).isDirectory(), true);
  });
});

test('a truncated tar fails', async () => {
  await withDirs(async (root) => {
    const buf = await makeTar([{ name: 'a', body: 'x'.repeat(5000) }]);
    await assert.rejects(extractTar(once(buf.subarray(0, 1024)), root));
  });
});

test('an empty stream is not a tar', async () => {
  await withDirs(async (root) => {
    await assert.rejects(extractTar(once(Buffer.alloc(0)), root), /the stream is empty/);
  });
});

test('prefix (docker cp): names are cleaned on their own, then placed under the prefix; symlinks stay in root; .wh. kept with whiteouts none', async () => {
  await withDirs(async (root, outside) => {
    await fsp.mkdir(path.join(root, 'dst'));
    const buf = await makeTar([
      { name: '../../../up.txt', body: 'clamped' },
      { name: '/abs.txt', body: 'abs' },
      { name: 'esc', type: 'symlink', linkname: outside },
      { name: 'esc/through.txt', body: 'through' },
      { name: 'f', body: 'orig' },
      { name: 'h', type: 'link', linkname: 'f' },
      { name: '.wh.keep', body: 'plain file' },
    ]);
    await extractTar(once(buf), root, { prefix: '/dst', whiteouts: 'none' });
    assert.equal(readFileSync(path.join(root, 'dst', 'up.txt'), 'utf8'), 'clamped');
    assert.equal(readFileSync(path.join(root, 'dst', 'abs.txt'), 'utf8'), 'abs');
    assert.equal(readFileSync(path.join(root, 'dst', '.wh.keep'), 'utf8'), 'plain file');
    assert.equal(statSync(path.join(root, 'dst', 'h')).ino, statSync(path.join(root, 'dst', 'f')).ino);
    // the write through the symlink landed inside the root, not in `outside`
    assert.ok(!existsSync(path.join(outside, 'through.txt')));
    assert.equal(readFileSync(path.join(root, outside, 'through.txt'), 'utf8'), 'through');
    const bad = await makeTar([{ name: 'x', type: 'link', linkname: '../../../etc/passwd' }]);
    await assert.rejects(extractTar(once(bad), root, { prefix: '/dst' }), /invalid hardlink/);
  });
});
