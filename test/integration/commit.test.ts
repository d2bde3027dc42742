// diff, commit (-a -m -c -p, whiteouts honoured through overlayfs) and
// export, through the berth CLI and the docker CLI, on running and stopped
// containers.
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
  work = mkdtempSync(join(tmpdir(), 'berth-commit-'));
  const root = join(work, 'img');
  for (const dir of ['bin', 'etc', 'data/keep', 'data/opq', 'data/gone-dir']) mkdirSync(join(root, dir), { recursive: true });
  copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
  for (const a of ['sh', 'cat', 'ls', 'rm', 'mkdir', 'echo', 'sleep', 'true', 'find']) symlinkSync('busybox', join(root, 'bin', a));
  writeFileSync(join(root, 'data', 'keep', 'k.txt'), 'keep\n');
  writeFileSync(join(root, 'data', 'gone.txt'), 'gone\n');
  writeFileSync(join(root, 'data', 'gone-dir', 'x'), 'x\n');
  writeFileSync(join(root, 'data', 'opq', 'old1'), '1\n');
  writeFileSync(join(root, 'data', 'opq', 'old2'), '2\n');
  writeFileSync(join(root, 'etc', 'motd'), 'hello\n');
  const tarball = join(work, 'img.tar');
  assert.equal(spawnSync('tar', ['-cf', tarball, '-C', root, '.']).status, 0);
  ok(['import', '-c', 'CMD ["sh"]', tarball, 'base']);
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

const CHANGE = 'rm /data/gone.txt && rm -r /data/gone-dir && rm -r /data/opq && mkdir /data/opq && echo new > /data/opq/new && echo added > /data/added.txt && echo changed > /etc/motd';

test('diff lists A/C/D of the container layer only (no runc mount points)', () => {
  ok(['run', '--name', 'changer', 'base', 'sh', '-c', CHANGE]);
  const diff = ok(['diff', 'changer']).trim().split('\n');
  for (const line of ['C /data', 'A /data/added.txt', 'D /data/gone.txt', 'D /data/gone-dir', 'C /data/opq', 'A /data/opq/new', 'C /etc', 'C /etc/motd']) {
    assert.ok(diff.includes(line), `${line} in ${diff.join(', ')}`);
  }
  assert.ok(!diff.some((l) => /\/etc\/(hosts|hostname|resolv\.conf)$|^A \/(proc|sys|dev)$/.test(l)), diff.join(', '));
  // the docker CLI prints the same
  assert.deepEqual(d.docker(['diff', 'changer']).stdout.trim().split('\n'), diff);
  // on a running container too
  ok(['run', '-d', '--name', 'live', 'base', 'sh', '-c', 'echo x > /live.txt; sleep 300']);
  for (let i = 0; i < 50 && !ok(['diff', 'live']).includes('A /live.txt'); i++) spawnSync('sleep', ['0.1']);
  assert.match(ok(['diff', 'live']), /^A \/live\.txt$/m);
  ok(['rm', '-f', 'live']);
});

test('commit: layer with whiteouts and opaque dirs honoured through overlayfs; -a -m -c', () => {
  const id = ok(['commit', '-a', 'Jane <j@x>', '-m', 'my change', '-c', 'ENV STAGE=2', '-c', 'CMD ["cat", "/data/added.txt"]', 'changer', 'committed:v1']).trim();
  assert.match(id, /^sha256:[0-9a-f]{64}$/);
  assert.equal(ok(['run', '--rm', 'committed:v1']), 'added\n');
  assert.equal(ok(['run', '--rm', 'committed:v1', 'sh', '-c', 'ls /data; ls /data/opq; cat /etc/motd; echo $STAGE']), 'added.txt\nkeep\nopq\nnew\nchanged\n2\n');
  const insp = JSON.parse(ok(['image', 'inspect', 'committed:v1']))[0];
  assert.equal(insp.Author, 'Jane <j@x>');
  assert.equal(insp.Comment, 'my change');
  assert.equal(insp.RootFS.Layers.length, 2);
  const hist = ok(['history', '--format', '{{.CreatedBy}}|{{.Comment}}', 'committed:v1']).split('\n');
  assert.match(hist[0], /^sh -c rm \/data\/gone.txt.*\|my change$/);
  // the committed layer carries no runc mount points
  ok(['run', '--name', 'child', 'committed:v1', 'true']);
  assert.ok(!ok(['diff', 'child']).includes('/data'));
  // docker CLI commit of a running container (paused during the commit)
  ok(['run', '-d', '--name', 'running', 'base', 'sh', '-c', 'echo run > /r.txt; sleep 300']);
  for (let i = 0; i < 50 && !ok(['diff', 'running']).includes('A /r.txt'); i++) spawnSync('sleep', ['0.1']);
  const r = d.docker(['commit', 'running', 'fromdocker']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(ok(['inspect', '-f', '{{.State.Status}}', 'running']).trim(), 'running');
  assert.equal(ok(['run', '--rm', 'fromdocker', 'cat', '/r.txt']), 'run\n');
  ok(['rm', '-f', 'running', 'child']);
  const badChange = d.berth(['commit', '-c', 'FROB x', 'changer']);
  assert.equal(badChange.code, 1);
  assert.match(badChange.stderr, /FROB/i);
  const bad = d.berth(['commit', 'nosuch']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /No such container: nosuch/);
});

test('export: the container filesystem as a tar (stdout and -o), importable again', () => {
  const out = join(work, 'exp.tar');
  ok(['export', '-o', out, 'changer']);
  const list = spawnSync('tar', ['-tf', out], { encoding: 'utf8' }).stdout.split('\n');
  assert.ok(list.includes('data/added.txt') && list.includes('data/opq/new') && list.includes('bin/busybox'), list.slice(0, 20).join(' '));
  assert.ok(!list.includes('data/gone.txt') && !list.includes('data/opq/old1'));
  ok(['import', '-c', 'CMD ["sh"]', out, 'reimported']);
  assert.equal(ok(['run', '--rm', 'reimported', 'cat', '/data/added.txt']), 'added\n');
  const viaDocker = spawnSync('/bin/sh', ['-c', 'docker export changer | tar -t | grep -c "^data/added.txt$"'], { env: { ...process.env, DOCKER_HOST: d.host }, encoding: 'utf8' });
  assert.equal(viaDocker.stdout.trim(), '1');
  ok(['rm', 'changer']);
});
