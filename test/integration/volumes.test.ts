// Volumes and mounts through the berth CLI, the docker CLI and the API:
// named, anonymous and image volumes with copy-up, binds, tmpfs mounts,
// --volumes-from, inspect .Mounts, rm -v, volume ls/inspect/rm/prune.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync, symlinkSync, writeFileSync, readFileSync, existsSync, rmSync, mkdtempSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let hostDir: string;
before(async () => {
  d = await startTestDaemon();
  hostDir = mkdtempSync(join(tmpdir(), 'berth-vol-host-'));
  // An image with VOLUME /data holding content, and a symlink that points out of the root.
  const root = join(d.dataRoot, 'volimg');
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
  for (const a of ['sh', 'echo', 'cat', 'ls', 'touch', 'sleep', 'stat', 'true']) symlinkSync('busybox', join(root, 'bin', a));
  mkdirSync(join(root, 'data', 'sub'), { recursive: true });
  writeFileSync(join(root, 'data', 'seed.txt'), 'from-image\n');
  writeFileSync(join(root, 'data', 'sub', 'deep.txt'), 'deep\n');
  mkdirSync(join(hostDir, 'secret'));
  writeFileSync(join(hostDir, 'secret', 'host-only.txt'), 'host\n');
  symlinkSync(join(hostDir, 'secret'), join(root, 'escape'));
  const tarball = join(d.dataRoot, 'volimg.tar');
  assert.equal(spawnSync('tar', ['-cf', tarball, '-C', root, '.']).status, 0);
  ok(['import', '-c', 'VOLUME /data', '-c', 'CMD ["sh"]', tarball, 'volimg']);
  ok(['import', '-c', 'CMD ["sh"]', tarball, 'plain']);
});
after(async () => {
  await d?.stop();
  rmSync(hostDir, { recursive: true, force: true });
});

function ok(args: string[], input?: string): string {
  const r = d.berth(args, { input });
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('volume create, ls (-q, --filter, --format), inspect, rm, docker CLI too', () => {
  assert.equal(ok(['volume', 'create', '--label', 'team=a', 'v-one']), 'v-one\n');
  assert.equal(d.docker(['volume', 'create', 'v-two']).stdout, 'v-two\n');
  const ls = ok(['volume', 'ls']);
  assert.match(ls, /^DRIVER\s+VOLUME NAME\n/);
  assert.match(ls, /local\s+v-one\n/);
  assert.deepEqual(ok(['volume', 'ls', '-q', '--filter', 'label=team=a']).trim().split('\n'), ['v-one']);
  assert.deepEqual(ok(['volume', 'ls', '--filter', 'name=two', '--format', '{{.Name}} {{.Driver}} {{.Scope}}']).trim(), 'v-two local local');
  const insp = JSON.parse(ok(['volume', 'inspect', 'v-one']))[0];
  assert.equal(insp.Name, 'v-one');
  assert.equal(insp.Driver, 'local');
  assert.deepEqual(insp.Labels, { team: 'a' });
  assert.equal(insp.Mountpoint, join(d.dataRoot, 'root', 'volumes', 'v-one', '_data'));
  assert.equal(d.docker(['volume', 'inspect', '-f', '{{.Scope}}', 'v-two']).stdout, 'local\n');
  assert.equal(ok(['inspect', '-f', '{{.Name}} {{.Driver}}', 'v-two']), 'v-two local\n');
  assert.equal(ok(['inspect', '--type', 'volume', '-f', '{{.Name}}', 'v-one']), 'v-one\n');
  assert.match(d.docker(['volume', 'ls']).stdout, /local\s+v-one\n/);
  const bad = d.berth(['volume', 'create', 'a/b']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /create a\/b: "a\/b" includes invalid characters for a local volume name/);
  const missing = d.berth(['volume', 'inspect', 'nope']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such volume/);
  assert.equal(ok(['volume', 'rm', 'v-one', 'v-two']), 'v-one\nv-two\n');
  assert.equal(ok(['volume', 'ls', '-q']), '');
});

test('named volume shared between containers; in use: rm is 409; inspect .Mounts in Docker shape', async () => {
  ok(['run', '--rm', '-v', 'shared:/data', 'plain', 'sh', '-c', 'echo hello > /data/f']);
  assert.equal(ok(['run', '--rm', '-v', 'shared:/mnt:ro', 'plain', 'cat', '/mnt/f']), 'hello\n');
  const ro = d.berth(['run', '--rm', '-v', 'shared:/mnt:ro', 'plain', 'touch', '/mnt/x']);
  assert.notEqual(ro.code, 0);
  ok(['create', '--name', 'holder', '-v', 'shared:/data', '-v', `${hostDir}:/h:ro`, '--mount', 'type=tmpfs,target=/t,tmpfs-size=1m', 'plain']);
  const res = await d.api('DELETE', '/volumes/shared');
  assert.equal(res.status, 409);
  assert.match(res.json.message, /^remove shared: volume is in use - \[[0-9a-f]{64}\]$/);
  const mounts = JSON.parse(ok(['inspect', '-f', '{{json .Mounts}}', 'holder']));
  const byDest = Object.fromEntries(mounts.map((m: { Destination: string }) => [m.Destination, m]));
  assert.deepEqual(byDest['/data'], {
    Type: 'volume', Name: 'shared', Source: join(d.dataRoot, 'root', 'volumes', 'shared', '_data'), Destination: '/data',
    Driver: 'local', Mode: 'z', RW: true, Propagation: '',
  });
  assert.deepEqual(byDest['/h'], { Type: 'bind', Source: hostDir, Destination: '/h', Mode: 'ro', RW: false, Propagation: 'rprivate' });
  assert.deepEqual(byDest['/t'], { Type: 'tmpfs', Source: '', Destination: '/t', Mode: '', RW: true, Propagation: '' });
  // the docker CLI reads the same shape
  assert.equal(d.docker(['inspect', '-f', '{{range .Mounts}}{{.Type}}:{{.Destination}} {{end}}', 'holder']).stdout.trim().split(' ').sort().join(' '), 'bind:/h tmpfs:/t volume:/data');
  assert.match(ok(['ps', '-a', '--filter', 'volume=shared', '--format', '{{.Names}}']), /holder/);
  ok(['rm', 'holder']);
  ok(['volume', 'rm', 'shared']);
});

test('binds and mounts: -v host:ctr[:ro], --mount bind readonly, tmpfs, errors like dockerd', () => {
  writeFileSync(join(hostDir, 'in.txt'), 'host file\n');
  assert.equal(ok(['run', '--rm', '-v', `${hostDir}:/h`, 'plain', 'sh', '-c', 'cat /h/in.txt; echo out > /h/out.txt']), 'host file\n');
  assert.equal(readFileSync(join(hostDir, 'out.txt'), 'utf8'), 'out\n');
  const ro = d.berth(['run', '--rm', '--mount', `type=bind,source=${hostDir},target=/h,readonly`, 'plain', 'touch', '/h/nope']);
  assert.notEqual(ro.code, 0);
  assert.ok(!existsSync(join(hostDir, 'nope')));
  assert.equal(ok(['run', '--rm', '--mount', 'type=tmpfs,destination=/scratch', 'plain', 'sh', '-c', 'echo x > /scratch/y && cat /scratch/y']), 'x\n');
  const missing = d.berth(['run', '--rm', '--mount', `type=bind,source=${hostDir}/absent,target=/x`, 'plain', 'true']);
  assert.equal(missing.code, 125);
  assert.match(missing.stderr, /invalid mount config for type "bind": bind source path does not exist/);
  const dup = d.berth(['create', '-v', `${hostDir}:/x`, '-v', 'dupvol:/x', 'plain']);
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /Duplicate mount point: \/x/);
  // nothing half-made: the volume of the refused create is not left behind unless named
  const rel = d.berth(['create', '-v', `${hostDir}:rel`, 'plain']);
  assert.equal(rel.code, 1);
  assert.match(rel.stderr, /mount path must be absolute/);
  const mode = d.docker(['create', '-v', `${hostDir}:/x:bogus`, 'plain']);
  assert.notEqual(mode.code, 0);
  assert.match(mode.stderr, /invalid mode: bogus/);
});

test('image VOLUME: anonymous volume filled with the image content (copy-up); named too; nocopy not', () => {
  assert.equal(ok(['run', '--rm', 'volimg', 'cat', '/data/seed.txt', '/data/sub/deep.txt']), 'from-image\ndeep\n');
  ok(['run', '--name', 'anon-user', 'volimg', 'sh', '-c', 'echo mine > /data/mine']);
  const anon = JSON.parse(ok(['inspect', '-f', '{{json .Mounts}}', 'anon-user']))[0];
  assert.equal(anon.Type, 'volume');
  assert.match(anon.Name, /^[0-9a-f]{64}$/);
  assert.equal(anon.Mode, '');
  assert.equal(readFileSync(join(anon.Source, 'mine'), 'utf8'), 'mine\n');
  assert.match(ok(['volume', 'ls', '-q', '--filter', 'dangling=false']), new RegExp(anon.Name));
  // rm -v removes the anonymous volume
  ok(['rm', '-v', 'anon-user']);
  assert.ok(!ok(['volume', 'ls', '-q']).includes(anon.Name));
  // named volume over image content gets it once; a second run sees the changes, not a fresh copy
  ok(['run', '--rm', '-v', 'filled:/data', 'volimg', 'sh', '-c', 'echo changed > /data/seed.txt']);
  assert.equal(ok(['run', '--rm', '-v', 'filled:/data', 'volimg', 'cat', '/data/seed.txt']), 'changed\n');
  assert.equal(ok(['run', '--rm', '-v', 'empty:/data:nocopy', 'volimg', 'ls', '/data']), '');
  // --rm removes anonymous volumes too, named ones stay
  const before = ok(['volume', 'ls', '-q']).trim().split('\n').sort();
  ok(['run', '--rm', 'volimg', 'true']);
  assert.deepEqual(ok(['volume', 'ls', '-q']).trim().split('\n').sort(), before);
  ok(['volume', 'rm', 'filled', 'empty']);
});

test('a data-volume container that never runs: its volumes are filled at create, for --volumes-from and cp (as dockerd)', () => {
  ok(['create', '-v', '/data', '--name', 'data-only', 'plain']);
  ok(['create', '--name', 'data-image', 'volimg']);
  const vol = JSON.parse(ok(['inspect', '-f', '{{json .Mounts}}', 'data-only']))[0];
  assert.deepEqual(readdirSync(vol.Source).sort(), ['seed.txt', 'sub']);
  assert.equal(ok(['run', '--rm', '--volumes-from', 'data-image', 'plain', 'cat', '/data/seed.txt']), 'from-image\n');
  // cp into it lands beside the image's content, and a later start copies nothing over it
  writeFileSync(join(hostDir, 'added.txt'), 'added\n');
  ok(['cp', join(hostDir, 'added.txt'), 'data-only:/data/']);
  assert.equal(ok(['run', '--rm', '--volumes-from', 'data-only', 'plain', 'cat', '/data/seed.txt', '/data/added.txt']), 'from-image\nadded\n');
  ok(['rm', '-v', 'data-only', 'data-image']);
  assert.ok(!ok(['volume', 'ls', '-q']).includes(vol.Name));
});

test('copy-up never follows a symlink in the image out to the host', () => {
  // /escape in the image is a symlink to a host directory: resolved inside the rootfs it does not exist.
  assert.equal(ok(['run', '--rm', '-v', 'esc:/escape', 'plain', 'ls', '-A', '/escape']), '');
  const src = JSON.parse(ok(['volume', 'inspect', 'esc']))[0].Mountpoint;
  assert.deepEqual(readdirSync(src), []);
  assert.ok(existsSync(join(hostDir, 'secret', 'host-only.txt')));
  ok(['volume', 'rm', 'esc']);
});

test('--volumes-from copies mounts, :ro overrides; a missing source is a 400', () => {
  ok(['create', '--name', 'src-c', '-v', 'vf:/shared', '-v', `${hostDir}:/h`, 'plain']);
  ok(['run', '--rm', '--volumes-from', 'src-c', 'plain', 'sh', '-c', 'echo via-from > /shared/x']);
  assert.equal(ok(['run', '--rm', '--volumes-from', 'src-c:ro', 'plain', 'cat', '/shared/x']), 'via-from\n');
  const ro = d.berth(['run', '--rm', '--volumes-from', 'src-c:ro', 'plain', 'touch', '/h/denied']);
  assert.notEqual(ro.code, 0);
  const miss = d.berth(['run', '--rm', '--volumes-from', 'nosuch', 'plain', 'true']);
  assert.equal(miss.code, 125);
  assert.match(miss.stderr, /No such container: nosuch/);
  ok(['rm', '-v', 'src-c']);
  assert.match(ok(['volume', 'ls', '-q']), /vf/); // named volumes survive rm -v
  ok(['volume', 'rm', 'vf']);
});

test('volumes and container mounts survive a daemon restart; the docker CLI runs with -v', async () => {
  const r = d.docker(['run', '--rm', '-v', 'persist:/p', 'plain', 'sh', '-c', 'echo kept > /p/f']);
  assert.equal(r.code, 0, r.stderr);
  ok(['create', '--name', 'after-restart', '-v', 'persist:/p', 'plain', 'cat', '/p/f']);
  await d.restart();
  assert.match(ok(['volume', 'ls', '-q']), /persist/);
  ok(['start', 'after-restart']);
  assert.equal(ok(['wait', 'after-restart']), '0\n');
  assert.equal(ok(['logs', 'after-restart']), 'kept\n');
  assert.equal((await d.api('DELETE', '/volumes/persist')).status, 409);
  ok(['rm', 'after-restart']);
  ok(['volume', 'rm', 'persist']);
});

test('local driver options: tmpfs and bind volumes mounted over _data, unmounted on rm', () => {
  ok(['volume', 'create', '-o', 'type=tmpfs', '-o', 'device=tmpfs', '-o', 'o=size=2m', 'tv']);
  assert.deepEqual(JSON.parse(ok(['volume', 'inspect', '-f', '{{json .Options}}', 'tv'])), { type: 'tmpfs', device: 'tmpfs', o: 'size=2m' });
  assert.equal(ok(['run', '--rm', '-v', 'tv:/t', 'plain', 'stat', '-f', '-c', '%T', '/t']), 'tmpfs\n');
  const bindDir = join(hostDir, 'bind-volume');
  mkdirSync(bindDir);
  ok(['volume', 'create', '-o', 'type=none', '-o', 'o=bind', '-o', `device=${bindDir}`, 'bv']);
  ok(['run', '--rm', '-v', 'bv:/b', 'plain', 'sh', '-c', 'echo via-volume > /b/f']);
  assert.equal(readFileSync(join(bindDir, 'f'), 'utf8'), 'via-volume\n');
  const mp = JSON.parse(ok(['volume', 'inspect', 'bv']))[0].Mountpoint;
  ok(['volume', 'rm', 'tv', 'bv']);
  assert.ok(!readFileSync('/proc/self/mountinfo', 'utf8').includes(mp), 'unmounted');
  assert.equal(readFileSync(join(bindDir, 'f'), 'utf8'), 'via-volume\n', 'removing the volume leaves the bound directory alone');
  const bad = d.berth(['volume', 'create', '-o', 'bogus=1', 'bad']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /invalid option key: "bogus"/);
});

test('volume prune: anonymous by default, -a for named, space reported; docker CLI prune', () => {
  ok(['volume', 'create', 'keep-named']);
  ok(['create', '--name', 'p1', 'volimg']);
  ok(['rm', 'p1']); // without -v the anonymous volume stays, dangling
  const out = ok(['volume', 'prune', '-f']);
  assert.match(out, /^Deleted Volumes:\n[0-9a-f]{64}\n\nTotal reclaimed space: \d/);
  assert.match(ok(['volume', 'ls', '-q']), /keep-named/);
  const all = d.docker(['volume', 'prune', '-a', '-f']);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /keep-named/);
  assert.equal(ok(['volume', 'ls', '-q']), '');
});

test('dockerode: createVolume, listVolumes, inspect, remove, pruneVolumes', async () => {
  const docker = new Docker({ socketPath: d.socket });
  const v = await docker.createVolume({ Name: 'dode', Labels: { via: 'dockerode' } });
  assert.equal(v.name, 'dode');
  const list = await docker.listVolumes({ filters: JSON.stringify({ label: ['via=dockerode'] }) });
  assert.deepEqual(list.Volumes.map((x) => x.Name), ['dode']);
  const info = await docker.getVolume('dode').inspect();
  assert.equal(info.Mountpoint, join(d.dataRoot, 'root', 'volumes', 'dode', '_data'));
  await docker.getVolume('dode').remove();
  await assert.rejects(docker.getVolume('dode').inspect(), (err: { statusCode?: number }) => err.statusCode === 404);
  const pruned = await docker.pruneVolumes();
  assert.ok(Array.isArray(pruned.VolumesDeleted) || pruned.VolumesDeleted === null);
});
