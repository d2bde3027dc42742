// system df (-v, --format), system prune (-a, --volumes, --filter until=),
// container prune and image prune -a with the space they reclaim, through
// the berth CLI, the docker CLI and the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync, symlinkSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let work: string;
before(async () => {
  d = await startTestDaemon();
  work = mkdtempSync(join(tmpdir(), 'berth-system-'));
  const root = join(work, 'img');
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
  for (const a of ['sh', 'true', 'sleep', 'dd', 'echo']) symlinkSync('busybox', join(root, 'bin', a));
  const tarball = join(work, 'img.tar');
  assert.equal(spawnSync('tar', ['-cf', tarball, '-C', root, '.']).status, 0);
  ok(['import', '-c', 'CMD ["sh"]', tarball, 'sysimg:1']);
  writeFileSync(join(root, 'extra'), 'x'.repeat(5000));
  assert.equal(spawnSync('tar', ['-cf', tarball, '-C', root, '.']).status, 0);
  ok(['import', tarball, 'sysimg:unused']);
});
after(async () => {
  await d?.stop();
  rmSync(work, { recursive: true, force: true });
});

function ok(args: string[], input?: string): string {
  const r = d.berth(args, { input });
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('system df: summary table, --format, -v; docker CLI system df; /system/df?type=', async () => {
  ok(['run', '-d', '--name', 'busy', '-v', 'dfvol:/v', 'sysimg:1', 'sh', '-c', 'dd if=/dev/zero of=/v/blob bs=1000 count=3 2>/dev/null; sleep 300']);
  ok(['run', '--name', 'done', 'sysimg:1', 'sh', '-c', 'dd if=/dev/zero of=/file bs=1000 count=2 2>/dev/null']);
  for (let i = 0; i < 50 && !/3kB/.test(ok(['system', 'df', '--format', '{{.Type}} {{.Size}}'])); i++) spawnSync('sleep', ['0.1']);
  const table = ok(['system', 'df']).split('\n');
  assert.match(table[0], /^TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE$/);
  assert.match(table[1], /^Images\s+2\s+1\s+\S+\s+\S+ \(\d+%\)$/);
  assert.match(table[2], /^Containers\s+2\s+1\s+2kB\s+2kB \(100%\)$/);
  assert.match(table[3], /^Local Volumes\s+1\s+1\s+3kB\s+0B \(0%\)$/);
  assert.match(table[4], /^Build Cache\s+0\s+0\s+0B\s+0B$/);
  const verbose = ok(['system', 'df', '-v']);
  assert.match(verbose, /Images space usage:\n\nREPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE\s+SHARED SIZE\s+UNIQUE SIZE\s+CONTAINERS\n/);
  assert.match(verbose, /sysimg\s+1\s+[0-9a-f]{12}\s+.*\s+2\n/);
  assert.match(verbose, /Local Volumes space usage:\n\nVOLUME NAME\s+LINKS\s+SIZE\ndfvol\s+1\s+3kB\n/);
  const docker = d.docker(['system', 'df']);
  assert.equal(docker.code, 0, docker.stderr);
  assert.match(docker.stdout, /Local Volumes\s+1\s+1\s+3kB/);
  const typed = await d.api('GET', '/v1.47/system/df?type=volume');
  assert.equal(typed.status, 200);
  assert.deepEqual(Object.keys(typed.json), ['Volumes']);
  assert.equal(typed.json.Volumes[0].UsageData.Size, 3000);
  assert.equal((await d.api('GET', '/system/df?type=bogus')).status, 400);
});

test('container prune and image prune -a report the space reclaimed', () => {
  const c = ok(['container', 'prune', '-f']);
  assert.match(c, /^Deleted Containers:\n[0-9a-f]{64}\n\nTotal reclaimed space: 2kB\n$/);
  const i = ok(['image', 'prune', '-a', '-f']);
  assert.match(i, /untagged: sysimg:unused\ndeleted: sha256:[0-9a-f]{64}\n/);
  assert.match(i, /Total reclaimed space: [1-9][\d.]*[kM]B\n$/);
  assert.match(ok(['images', '--format', '{{.Repository}}:{{.Tag}}']), /^sysimg:1\n$/);
});

test('system prune: --filter until=, --volumes, -a; docker CLI system prune', () => {
  ok(['rm', '-f', 'busy']);
  ok(['create', '--name', 'fresh', '-v', '/anon', 'sysimg:1']);
  ok(['rm', 'fresh']); // leaves a dangling anonymous volume
  ok(['create', '--name', 'young', 'sysimg:1']);
  // until=1h: the container just made is too young to go
  const kept = ok(['system', 'prune', '-f', '--filter', 'until=1h']);
  assert.match(kept, /^Total reclaimed space: 0B\n$/);
  assert.match(ok(['ps', '-a', '--format', '{{.Names}}']), /young/);
  const all = ok(['system', 'prune', '-a', '-f', '--volumes']);
  assert.match(all, /Deleted Containers:\n[0-9a-f]{64}\n\n/);
  assert.match(all, /Deleted Volumes:\n[0-9a-f]{64}\n\n/);
  assert.match(all, /Deleted Images:\nuntagged: sysimg:1\n/);
  assert.match(all, /Total reclaimed space: \S+\n$/);
  assert.match(ok(['volume', 'ls', '-q']), /^dfvol\n$/, 'named volumes stay without -a on volume prune');
  assert.equal(ok(['images', '-q']), '');
  const warn = d.berth(['system', 'prune', '--volumes'], { input: 'n\n' });
  assert.match(warn.stdout + warn.stderr, /WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all anonymous volumes not used by at least one container\n  - all dangling images\n  - unused build cache\n/);
  const docker = d.docker(['system', 'prune', '-f', '--volumes']);
  assert.equal(docker.code, 0, docker.stderr);
  assert.match(docker.stdout, /Total reclaimed space: 0B/);
});
