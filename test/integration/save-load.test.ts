// save/load both ways with a real dockerd (Debian's docker.io, started here
// with its own roots): layers with deletions (whiteouts, opaque dirs) made
// by one engine are honoured by the other; several images and tags in one
// archive; OCI layout archives; hostile archives through load and import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync, symlinkSync, writeFileSync, readFileSync, rmSync, mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { join } from 'node:path';
import * as tar from 'tar-stream';
import { startTestDaemon, type Daemon } from './harness';
import { startDockerd, type RealDocker } from './dockerd';

let d: Daemon;
let dk: RealDocker;
let work: string;
let rootfsTar: string;

before(async () => {
  [d, dk] = await Promise.all([startTestDaemon(), startDockerd()]);
  work = mkdtempSync(join(tmpdir(), 'berth-saveload-'));
  const root = join(work, 'rootfs');
  for (const dir of ['bin', 'data/opq', 'data/gone-dir']) mkdirSync(join(root, dir), { recursive: true });
  copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
  for (const a of ['sh', 'cat', 'ls', 'rm', 'mkdir', 'echo', 'true']) symlinkSync('busybox', join(root, 'bin', a));
  writeFileSync(join(root, 'data', 'keep.txt'), 'keep\n');
  writeFileSync(join(root, 'data', 'gone.txt'), 'gone\n');
  writeFileSync(join(root, 'data', 'gone-dir', 'x'), 'x\n');
  writeFileSync(join(root, 'data', 'opq', 'old'), 'old\n');
  rootfsTar = join(work, 'rootfs.tar');
  assert.equal(spawnSync('tar', ['-cf', rootfsTar, '-C', root, '.']).status, 0);
});
after(async () => {
  await Promise.all([d?.stop(), dk?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

function ok(args: string[], input?: string | Buffer): string {
  const r = d.berth(args, { input });
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
function dok(args: string[], input?: string | Buffer): string {
  const r = dk.docker(args, { input });
  assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const CHANGE = 'rm /data/gone.txt && rm -r /data/gone-dir && rm -r /data/opq && mkdir /data/opq && echo new > /data/opq/new';
const CHECK = 'ls /data; ls /data/opq';
const EXPECTED = 'keep.txt\nopq\nnew\n';

test('berth save → docker load: several images and tags, deletions honoured when docker runs it', () => {
  ok(['import', '-c', 'CMD ["sh"]', rootfsTar, 'rt-base:1']);
  ok(['run', '--name', 'rt-c', 'rt-base:1', 'sh', '-c', CHANGE]);
  const id = ok(['commit', '-c', 'CMD ["sh", "-c", "ls /data; ls /data/opq"]', 'rt-c', 'rt-berth:v1']).trim();
  ok(['tag', 'rt-berth:v1', 'rt-berth:v2']);
  const out = join(work, 'from-berth.tar');
  ok(['save', '-o', out, 'rt-berth', 'rt-base:1']);
  const loaded = dok(['load', '-i', out]);
  assert.match(loaded, /Loaded image: rt-berth:v1/);
  assert.match(loaded, /Loaded image: rt-berth:v2/);
  assert.match(loaded, /Loaded image: rt-base:1/);
  assert.equal(dok(['image', 'inspect', '-f', '{{.Id}}', 'rt-berth:v1']).trim(), id, 'same image ID in both engines');
  assert.equal(dok(['run', '--rm', '--network', 'none', 'rt-berth:v2']), EXPECTED);
  assert.equal(dok(['run', '--rm', '--network', 'none', 'rt-base:1', 'cat', '/data/gone.txt']), 'gone\n');
  ok(['rm', 'rt-c']);
});

function rawLoad(body: Buffer, quiet: boolean): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    const req = http.request(
      { socketPath: d.socket, method: 'POST', path: `/v1.47/images/load?quiet=${quiet ? 1 : 0}`, headers: { 'Content-Type': 'application/x-tar', 'Content-Length': body.length } },
      (r) => {
        let text = '';
        r.on('data', (c) => (text += c));
        r.on('end', () => res({ status: r.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', rej);
    req.end(body);
  });
}

test('docker save → berth load (berth CLI and docker CLI): deletions honoured when berth runs it', async () => {
  dok(['import', '-c', 'CMD ["sh"]', rootfsTar, 'dk-base:1']);
  dok(['run', '--network', 'none', '--name', 'dk-c', 'dk-base:1', 'sh', '-c', CHANGE]);
  const id = dok(['commit', 'dk-c', 'dk-made:latest']).trim();
  dok(['tag', 'dk-made:latest', 'dk-made:other']);
  const out = join(work, 'from-docker.tar');
  dok(['save', '-o', out, 'dk-made:latest', 'dk-made:other', 'dk-base:1']);
  const r = d.berth(['load', '-i', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('Loaded image: ')).sort().join('\n'), 'Loaded image: dk-base:1\nLoaded image: dk-made:latest\nLoaded image: dk-made:other');
  assert.equal(ok(['image', 'inspect', '-f', '{{.Id}}', 'dk-made']).trim(), id);
  assert.equal(ok(['run', '--rm', 'dk-made', 'sh', '-c', CHECK]), EXPECTED);
  assert.equal(ok(['run', '--rm', 'dk-base:1', 'cat', '/data/gone.txt']), 'gone\n');
  // the docker CLI's load against berthd, from stdin, quiet
  ok(['rmi', 'dk-made:latest', 'dk-made:other']);
  const viaDocker = d.docker(['load', '-q'], { input: readFileSync(out) });
  assert.equal(viaDocker.code, 0, viaDocker.stderr);
  assert.match(viaDocker.stdout, /Loaded image: dk-made:latest/);
  // the JSON message stream without quiet: progress per layer, then the result
  ok(['rmi', 'dk-made:latest']);
  const stream = await rawLoad(readFileSync(out), false);
  assert.equal(stream.status, 200);
  const msgs = stream.body.trim().split('\r\n').map((l) => JSON.parse(l));
  assert.ok(msgs.some((m) => m.status === 'Loading layer' && m.progressDetail?.total > 0 && /^[0-9a-f]{12}$/.test(m.id)));
  assert.ok(msgs.some((m) => m.stream === 'Loaded image: dk-made:latest\n'));
  const quiet = await rawLoad(readFileSync(out), true);
  assert.ok(!quiet.body.includes('Loading layer'));
  // and the docker CLI's save from berthd loads into dockerd
  const saved = join(work, 'docker-cli-save.tar');
  const s = d.docker(['save', '-o', saved, 'dk-made:latest']);
  assert.equal(s.code, 0, s.stderr);
  dok(['rmi', 'dk-made:latest', 'dk-made:other']);
  assert.match(dok(['load', '-i', saved]), /Loaded image: dk-made:latest/);
});

async function repack(src: string, dst: string, drop: (name: string) => boolean, edit: (name: string, body: Buffer) => Buffer = (_n, b) => b): Promise<void> {
  const ex = tar.extract();
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collect = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  const reading = (async () => {
    for await (const e of ex) {
      const body: Buffer[] = [];
      for await (const c of e) body.push(c as Buffer);
      const b = edit(e.header.name, Buffer.concat(body));
      if (!drop(e.header.name)) await new Promise<void>((r, j) => pack.entry({ ...e.header, size: b.length }, b, (err) => (err ? j(err) : r())));
    }
    pack.finalize();
  })();
  ex.end(readFileSync(src));
  await reading;
  await collect;
  writeFileSync(dst, Buffer.concat(chunks));
}

test('OCI layout archives load (index.json only), by berth and the docker CLI', async () => {
  const full = join(work, 'oci-src.tar');
  ok(['save', '-o', full, 'rt-berth:v1']);
  const names = spawnSync('tar', ['-tf', full], { encoding: 'utf8' }).stdout.split('\n');
  assert.ok(names.includes('oci-layout') && names.includes('index.json') && names.includes('manifest.json'));
  const oci = join(work, 'oci-only.tar');
  await repack(full, oci, (n) => n === 'manifest.json' || n === 'repositories');
  ok(['rmi', 'rt-berth:v1', 'rt-berth:v2']);
  assert.match(ok(['load', '-i', oci]), /Loaded image: rt-berth:v1/);
  assert.equal(ok(['run', '--rm', 'rt-berth:v1']), EXPECTED);
  // a tampered blob is refused (digest check), and nothing is loaded
  ok(['rmi', 'rt-berth:v1']);
  const idx = JSON.parse(spawnSync('tar', ['-xOf', oci, 'index.json'], { encoding: 'utf8' }).stdout);
  const manifest = JSON.parse(spawnSync('tar', ['-xOf', oci, `blobs/sha256/${idx.manifests[0].digest.slice(7)}`], { encoding: 'utf8' }).stdout);
  const cfgName = `blobs/sha256/${manifest.config.digest.slice(7)}`;
  const bad = join(work, 'oci-bad.tar');
  await repack(oci, bad, () => false, (name, body) => (name === cfgName ? Buffer.from(body.toString().replace('{', '{ ')) : body));
  const r = d.berth(['load', '-i', bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /digest|mismatch/i);
  assert.equal(d.berth(['image', 'inspect', 'rt-berth:v1']).code, 1);
});

async function hostileTar(host: string, hardlink: boolean): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  const add = (h: Partial<tar.Header> & { name: string }, body = '') =>
    new Promise<void>((r, j) => pack.entry({ type: 'file', mode: 0o644, ...h } as tar.Header, body, (err) => (err ? j(err) : r())));
  await add({ name: '../../../../../../' + host.slice(1) + '/dotdot.txt' }, 'x');
  await add({ name: host + '/abs.txt' }, 'x');
  await add({ name: 'esc', type: 'symlink', linkname: host });
  await add({ name: 'esc/through.txt' }, 'x');
  await add({ name: 'manifest.json', type: 'symlink', linkname: '/etc/hostname' });
  await add({ name: 'null', type: 'character-device', devmajor: 1, devminor: 3 });
  if (hardlink) await add({ name: 'hard', type: 'link', linkname: '../../../../../etc/passwd' });
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

test('hostile archives through load and import are contained or refused; berthd keeps running', async () => {
  const host = join(work, 'host-target');
  mkdirSync(host);
  const evil = await hostileTar(host, true);
  const load = d.berth(['load'], { input: evil });
  assert.equal(load.code, 1);
  assert.match(load.stderr, /invalid hardlink|invalid archive/);
  const dload = d.docker(['load'], { input: evil });
  assert.notEqual(dload.code, 0);
  // without the hardlink the archive unpacks, and manifest.json -> /etc/hostname resolves inside it: not there
  const noHard = await hostileTar(host, false);
  const load2 = d.berth(['load'], { input: noHard });
  assert.equal(load2.code, 1);
  assert.match(load2.stderr, /neither manifest.json, index.json nor repositories/);
  const imp = d.berth(['import', '-c', 'CMD ["sh"]', '-'], { input: evil });
  assert.equal(imp.code, 1, 'import refuses the hardlink out of the root');
  assert.match(imp.stderr, /invalid hardlink/);
  // import of the rest is contained: the files land inside the image
  const imp2 = d.berth(['import', '-', 'hostile:1'], { input: noHard });
  assert.equal(imp2.code, 0, imp2.stderr);
  ok(['create', '--name', 'hostile-c', 'hostile:1', 'x']);
  const out = join(work, 'hostile-export');
  mkdirSync(out);
  ok(['cp', `hostile-c:${host}`, out]);
  assert.deepEqual(readdirSync(join(out, 'host-target')).sort(), ['abs.txt', 'dotdot.txt', 'through.txt']);
  ok(['rm', 'hostile-c']);
  assert.deepEqual(readdirSync(host), []);
  assert.ok(!existsSync('/dotdot.txt'));
  const tmpLeft = existsSync(join(d.dataRoot, 'root', 'tmp')) ? readdirSync(join(d.dataRoot, 'root', 'tmp')) : [];
  assert.deepEqual(tmpLeft, [], 'no unpacked archive left behind');
  assert.equal((await d.api('GET', '/_ping')).status, 200);
  const garbage = d.berth(['load'], { input: Buffer.from('not a tar'.repeat(100)) });
  assert.equal(garbage.code, 1);
  assert.equal((await d.api('GET', '/_ping')).status, 200);
});
