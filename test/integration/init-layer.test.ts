// What Docker's init layer and overlay2 give every container: a 0755 '/'
// whatever the image's root entry says, and /.dockerenv, /etc/hosts,
// /etc/hostname, /etc/resolv.conf present from create on (never in diff,
// commit or export). Through the docker CLI and the archive API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let work: string;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  // A rootfs made in a mktemp -d directory: its './' entry is 0700. No /etc at all.
  work = mkdtempSync(join(tmpdir(), 'berth-initlayer-'));
  const root = join(work, 'root');
  mkdirSync(join(root, 'bin'), { recursive: true });
  chmodSync(root, 0o700);
  copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
  chmodSync(join(root, 'bin', 'busybox'), 0o755);
  for (const a of ['sh', 'stat', 'cat', 'id', 'ls']) symlinkSync('busybox', join(root, 'bin', a));
  const tar = spawnSync('tar', ['-C', root, '-c', '.'], { maxBuffer: 64 << 20 });
  assert.equal(tar.status, 0);
  const imp = d.docker(['import', '-', 'root700:latest'], { input: tar.stdout });
  assert.equal(imp.code, 0, imp.stderr);
});
after(async () => {
  await d?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

function ok(args: string[]): string {
  const r = d.docker(args);
  assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test("a 0700 root entry in a layer still gives a 0755 '/', and a non-root user can run", () => {
  assert.equal(ok(['run', '--rm', 'root700', '/bin/stat', '-c', '%a %u', '/']).trim(), '755 0');
  assert.equal(ok(['run', '--rm', '-u', '1000:1000', 'root700', '/bin/id', '-u']).trim(), '1000');
});

test('a created, never started container has the init files', async () => {
  for (const image of ['root700', 'busybox']) {
    const id = ok(['create', image, '/bin/sh']).trim();
    for (const p of ['/etc/resolv.conf', '/etc/hosts', '/etc/hostname', '/.dockerenv']) {
      const r = await d.api('HEAD', `/containers/${id}/archive?path=${encodeURIComponent(p)}`);
      assert.equal(r.status, 200, `${image}: HEAD archive ${p}`);
    }
    const cp = spawnSync('docker', ['-H', d.host, 'cp', `${id}:/.dockerenv`, '-']);
    assert.equal(cp.status, 0, String(cp.stderr));
    // Not a change of the container's: diff is empty, commit carries none of them.
    assert.equal(ok(['diff', id]), '');
    const img = ok(['commit', id, `initcheck-${image}`]).trim();
    const listing = spawnSync('sh', ['-c', `docker -H ${d.host} save ${img} | tar -xOf - --wildcards '*.tar' 2>/dev/null | tar -t 2>/dev/null; true`], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.doesNotMatch(listing.stdout, /dockerenv|resolv\.conf|etc\/hostname/, `${image}: committed layer`);
    ok(['rm', id]);
  }
});

test('the init files are bound over at start as before', () => {
  const out = ok(['run', '--rm', '-h', 'box1', 'root700', '/bin/cat', '/etc/hostname']);
  assert.equal(out.trim(), 'box1');
  assert.match(ok(['run', '--rm', 'root700', '/bin/ls', '-a', '/']), /\.dockerenv/);
});
