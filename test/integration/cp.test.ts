// docker cp both ways through the archive API, with the berth CLI and the
// real docker CLI, on running and stopped containers; hostile archives sent
// straight to PUT /containers/{id}/archive stay inside the container's root.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync, symlinkSync, writeFileSync, readFileSync, existsSync, rmSync, mkdtempSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar-stream';
import Docker from 'dockerode';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let work: string;
before(async () => {
  d = await startTestDaemon();
  work = mkdtempSync(join(tmpdir(), 'berth-cp-'));
  const root = join(work, 'img');
  mkdirSync(join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'etc'), { recursive: true });
  copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
  for (const a of ['sh', 'cat', 'ls', 'sleep', 'stat', 'readlink', 'true', 'find']) symlinkSync('busybox', join(root, 'bin', a));
  writeFileSync(join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\napp:x:1234:1234::/home/app:/bin/sh\n');
  writeFileSync(join(root, 'etc', 'group'), 'root:x:0:\napp:x:1234:\n');
  mkdirSync(join(root, 'srv', 'tree', 'sub'), { recursive: true });
  writeFileSync(join(root, 'srv', 'tree', 'a.txt'), 'A\n');
  writeFileSync(join(root, 'srv', 'tree', 'sub', 'b.txt'), 'B\n');
  symlinkSync('/etc', join(root, 'srv', 'etc-link'));
  symlinkSync('tree/a.txt', join(root, 'srv', 'rel-link'));
  // a symlink that would point at the host's own /: resolved in the container it is the container's /
  symlinkSync('/', join(root, 'rootlink'));
  const tarball = join(work, 'img.tar');
  assert.equal(spawnSync('tar', ['-cf', tarball, '-C', root, '.']).status, 0);
  ok(['import', '-c', 'CMD ["sleep", "300"]', tarball, 'cpimg']);
});
after(async () => {
  await d?.stop();
  rmSync(work, { recursive: true, force: true });
});

function ok(args: string[], input?: string | Buffer): string {
  const r = d.berth(args, { input });
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function putArchive(ctr: string, path: string, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    const req = http.request(
      { socketPath: d.socket, method: 'PUT', path: `/containers/${ctr}/archive?path=${encodeURIComponent(path)}`, headers: { 'Content-Type': 'application/x-tar', 'Content-Length': body.length } },
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

async function makeTar(entries: (Partial<tar.Header> & { name: string; body?: string })[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const e of entries) {
    const { body, ...h } = e;
    await new Promise<void>((r, j) => pack.entry({ type: 'file', mode: 0o644, ...h } as tar.Header, body ?? '', (err) => (err ? j(err) : r())));
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

for (const running of [true, false]) {
  test(`berth cp both ways on a ${running ? 'running' : 'stopped'} container`, () => {
    const name = running ? 'cp-run' : 'cp-stop';
    ok([running ? 'run' : 'create', ...(running ? ['-d'] : []), '--name', name, '-v', `${name}-vol:/vol`, 'cpimg']);
    const out = join(work, name);
    mkdirSync(out);
    // a directory into an existing directory: out/tree/...
    ok(['cp', `${name}:/srv/tree`, out]);
    assert.equal(readFileSync(join(out, 'tree', 'sub', 'b.txt'), 'utf8'), 'B\n');
    // "dir/." copies the contents; a new destination name renames
    ok(['cp', `${name}:/srv/tree/.`, join(out, 'flat')]);
    assert.deepEqual(readdirSync(join(out, 'flat')).sort(), ['a.txt', 'sub']);
    ok(['cp', `${name}:/srv/tree/a.txt`, join(out, 'renamed.txt')]);
    assert.equal(readFileSync(join(out, 'renamed.txt'), 'utf8'), 'A\n');
    // symlinks are copied as links; -L follows
    ok(['cp', `${name}:/srv/rel-link`, join(out, 'link-copy')]);
    assert.ok(lstatSync(join(out, 'link-copy')).isSymbolicLink());
    ok(['cp', '-L', `${name}:/srv/rel-link`, join(out, 'link-followed')]);
    assert.equal(readFileSync(join(out, 'link-followed'), 'utf8'), 'A\n');
    // a symlink to / in the container means the container's /, not the host's
    ok(['cp', `${name}:/rootlink/etc/passwd`, join(out, 'passwd')]);
    assert.match(readFileSync(join(out, 'passwd'), 'utf8'), /app:x:1234/);
    // tar on stdout
    const t = spawnSync('/bin/sh', ['-c', `"$0" cp ${name}:/srv/tree - | tar -t`, join(__dirname, '..', '..', '..', 'bin', 'berth')], { env: { ...process.env, BERTH_HOST: d.host }, encoding: 'utf8' });
    assert.deepEqual(t.stdout.trim().split('\n').sort(), ['tree/', 'tree/a.txt', 'tree/sub/', 'tree/sub/b.txt']);
    // local → container: file, directory, into the volume, a tar from stdin
    writeFileSync(join(work, `${name}-up.txt`), 'up\n');
    mkdirSync(join(work, `${name}-dir`, 'inner'), { recursive: true });
    writeFileSync(join(work, `${name}-dir`, 'inner', 'x'), 'x\n');
    ok(['cp', join(work, `${name}-up.txt`), `${name}:/srv/`]);
    ok(['cp', join(work, `${name}-dir`), `${name}:/srv/newdir`]);
    ok(['cp', join(work, `${name}-up.txt`), `${name}:/vol/in-volume.txt`]);
    const stdinTar = spawnSync('tar', ['-c', '-C', work, `${name}-up.txt`]).stdout;
    ok(['cp', '-', `${name}:/srv/tree`], stdinTar);
    if (!running) ok(['start', name]);
    assert.equal(ok(['exec', name, 'cat', `/srv/${name}-up.txt`, '/srv/newdir/inner/x', '/vol/in-volume.txt', `/srv/tree/${name}-up.txt`]), 'up\nx\nup\nup\n');
    // errors as docker's
    const miss = d.berth(['cp', `${name}:/nonexistent`, out]);
    assert.equal(miss.code, 1);
    assert.match(miss.stderr, /Could not find the file \/nonexistent in container/);
    const dirToFile = d.berth(['cp', join(work, `${name}-dir`), `${name}:/srv/tree/a.txt`]);
    assert.equal(dirToFile.code, 1);
    assert.match(dirToFile.stderr, /cannot copy directory/);
    const notDir = d.berth(['cp', '-', `${name}:/srv/tree/a.txt`], { input: stdinTar });
    assert.match(notDir.stderr, /must be a directory/);
    ok(['rm', '-f', '-v', name]);
  });
}

test('cp -a gives files to the container user; without it the archive owner stays', () => {
  ok(['run', '-d', '--name', 'owned', '-u', 'app', 'cpimg']);
  const f = join(work, 'owned-src.txt');
  writeFileSync(f, 'o\n');
  spawnSync('chown', ['4321:4321', f]);
  ok(['cp', f, 'owned:/srv/plain.txt']);
  ok(['cp', '-a', f, 'owned:/srv/archive.txt']);
  assert.equal(ok(['exec', 'owned', 'stat', '-c', '%u:%g', '/srv/plain.txt', '/srv/archive.txt']), '4321:4321\n1234:1234\n');
  const r = d.docker(['cp', '-a', f, 'owned:/srv/docker-a.txt']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(ok(['exec', 'owned', 'stat', '-c', '%u:%g', '/srv/docker-a.txt']), '1234:1234\n');
  ok(['rm', '-f', 'owned']);
});

test('a read-only rootfs refuses PUT archive (403) except into a writable volume', async () => {
  ok(['create', '--name', 'ro', '--read-only', '-v', 'ro-vol:/data', 'cpimg']);
  const t = await makeTar([{ name: 'f', body: 'x' }]);
  const denied = await putArchive('ro', '/srv', t);
  assert.equal(denied.status, 403);
  assert.match(denied.body, /container rootfs is marked read-only/);
  assert.equal((await putArchive('ro', '/data', t)).status, 200);
  const r = d.docker(['cp', join(work, 'cp-run-up.txt'), 'ro:/srv/']);
  assert.equal(r.code, 1);
  ok(['rm', '-v', 'ro']);
  ok(['volume', 'rm', 'ro-vol']);
});

test('the docker CLI cp works against berthd', () => {
  ok(['run', '-d', '--name', 'dk', 'cpimg']);
  const out = join(work, 'dk-out');
  mkdirSync(out);
  const r1 = d.docker(['cp', 'dk:/srv/tree', out]);
  assert.equal(r1.code, 0, r1.stderr);
  assert.equal(readFileSync(join(out, 'tree', 'a.txt'), 'utf8'), 'A\n');
  writeFileSync(join(work, 'dk-in.txt'), 'from docker\n');
  const r2 = d.docker(['cp', join(work, 'dk-in.txt'), 'dk:/srv/tree/']);
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(ok(['exec', 'dk', 'cat', '/srv/tree/dk-in.txt']), 'from docker\n');
  const r3 = d.docker(['cp', '-L', 'dk:/srv/etc-link', join(out, 'etc')]);
  assert.equal(r3.code, 0, r3.stderr);
  assert.ok(statSync(join(out, 'etc', 'passwd')).isFile());
  const r4 = d.docker(['cp', 'dk:/nope', out]);
  assert.equal(r4.code, 1);
  assert.match(r4.stderr, /Could not find the file \/nope in container dk/);
  ok(['rm', '-f', 'dk']);
});

test('hostile archives through PUT archive stay inside the root; berthd keeps running', async () => {
  const host = join(work, 'host-target');
  mkdirSync(host);
  ok(['create', '--name', 'victim', 'cpimg']);
  const id = ok(['inspect', '-f', '{{.Id}}', 'victim']).trim();
  for (const running of [false, true]) {
    if (running) ok(['start', 'victim']);
    const evil = await makeTar([
      { name: '../../../../../../' + host.slice(1) + '/dotdot.txt', body: 'x' },
      { name: host + '/abs.txt', body: 'x' },
      { name: 'esc', type: 'symlink', linkname: host },
      { name: 'esc/through.txt', body: 'x' },
      { name: 'rel-esc', type: 'symlink', linkname: '../../../../../../../' + host.slice(1) },
      { name: 'rel-esc/through2.txt', body: 'x' },
      { name: 'dev-null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 },
    ]);
    const res = await putArchive(id, '/srv', evil);
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(readdirSync(host), [], `nothing written to the host (${running ? 'running' : 'stopped'})`);
    const hard = await makeTar([{ name: 'h', type: 'link', linkname: '../../../../../../etc/shadow' }]);
    const hr = await putArchive(id, '/srv', hard);
    assert.equal(hr.status, 400);
    assert.match(hr.body, /invalid hardlink/);
    if (running) ok(['stop', '-t', '1', 'victim']);
  }
  ok(['start', 'victim']);
  const inside = ok(['exec', 'victim', 'find', '/srv', host]).split('\n');
  assert.ok(inside.includes(`/srv${host}/abs.txt`) && inside.includes(`/srv${host}/dotdot.txt`) && inside.includes(`${host}/through.txt`), inside.join(' '));
  assert.ok(!inside.includes('/srv/dev-null'), 'device nodes are not created by cp');
  const garbage = await putArchive(id, '/srv', Buffer.from('this is not a tar archive at all'.repeat(40)));
  assert.equal(garbage.status >= 400, true);
  assert.equal((await d.api('GET', '/_ping')).status, 200);
  assert.ok(!existsSync(join(host, 'dotdot.txt')));
  ok(['rm', '-f', 'victim']);
});

test('dockerode: infoArchive, getArchive, putArchive', async () => {
  ok(['create', '--name', 'dode-cp', 'cpimg']);
  const c = new Docker({ socketPath: d.socket }).getContainer('dode-cp');
  const info = (await c.infoArchive({ path: '/srv/tree/a.txt' })) as unknown as { headers: Record<string, string> };
  const stat = JSON.parse(Buffer.from(info.headers['x-docker-container-path-stat'], 'base64').toString());
  assert.equal(stat.name, 'a.txt');
  assert.equal(stat.size, 2);
  const stream = (await c.getArchive({ path: '/srv/tree' })) as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  for await (const ch of stream) chunks.push(ch as Buffer);
  const names = spawnSync('tar', ['-t'], { input: Buffer.concat(chunks), encoding: 'utf8' }).stdout.trim().split('\n').sort();
  assert.deepEqual(names, ['tree/', 'tree/a.txt', 'tree/sub/', 'tree/sub/b.txt']);
  await c.putArchive(await makeTar([{ name: 'from-dockerode.txt', body: 'dode' }]), { path: '/srv' });
  ok(['start', 'dode-cp']);
  assert.equal(ok(['exec', 'dode-cp', 'cat', '/srv/from-dockerode.txt']), 'dode');
  ok(['rm', '-f', 'dode-cp']);
});
