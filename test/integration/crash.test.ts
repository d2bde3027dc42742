// berthd killed with SIGKILL in the middle of starting, stopping and
// logging containers, then started again: running containers keep their
// PIDs and their logs (conmon kept writing), exits while away show their
// codes, --rm ones are gone, interrupted starts are finished or undone, and
// after removing everything nothing is left: no conmon, mounts or cgroups.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cgroupDirs, startTestDaemon, type Daemon } from './harness';

let d: Daemon;
const clients: ChildProcess[] = [];
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  for (const c of clients) c.kill('SIGKILL');
  await d?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ok = (args: string[]) => {
  const r = d.berth(args);
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const berthAsync = (args: string[]) => {
  const c = spawn(join(ROOT, 'bin', 'berth'), args, { env: { ...process.env, BERTH_HOST: d.host }, stdio: 'ignore' });
  clients.push(c);
  return new Promise<void>((r) => c.on('exit', () => r()));
};
const TICKER = 'i=0; while true; do echo $i; i=$((i+1)); sleep 0.05; done';
const N = 24;

test('kill -9 during starts, stops and logging; start again: nothing lost, stuck or leaked', async () => {
  for (let i = 0; i < N; i++) ok(['run', '-d', '--name', `t${i}`, 'busybox', 'sh', '-c', TICKER]);
  ok(['run', '-d', '--rm', '--name', 'gone', 'busybox', 'sh', '-c', 'sleep 2']);
  ok(['run', '-d', '--name', 'three', 'busybox', 'sh', '-c', 'sleep 2; exit 3']);
  ok(['run', '-d', '--name', 'stubborn', 'busybox', 'sh', '-c', 'trap "" TERM; while true; do sleep 0.1; done']);
  ok(['run', '-d', '--restart', 'always', '--name', 'phoenix', 'busybox', 'sh', '-c', 'sleep 1; exit 1']);
  const pids = new Map<string, string>();
  for (let i = 0; i < N; i++) pids.set(`t${i}`, ok(['inspect', '-f', '{{.State.Pid}}', `t${i}`]).trim());

  // In flight when berthd dies: five starts, a stop that waits for its
  // timeout, a follower.
  const inflight = [
    ...Array.from({ length: 5 }, (_, i) => berthAsync(['run', '-d', '--name', `late${i}`, 'busybox', 'sh', '-c', TICKER])),
    berthAsync(['stop', '-t', '30', 'stubborn']),
    berthAsync(['logs', '-f', 't0']),
  ];
  await sleep(200);
  d.kill9();
  await Promise.all(inflight);
  await sleep(2500); // `gone` and `three` exit while berthd is away

  const t0 = Date.now();
  await d.restart();
  const restoreMs = Date.now() - t0;
  process.stdout.write(`# berthd back with ${N + 9} containers in ${restoreMs} ms\n`);

  // running ones: same PIDs, and their logs have no hole over the crash
  for (const [name, pid] of pids) {
    assert.equal(ok(['inspect', '-f', '{{.State.Status}} {{.State.Pid}}', name]).trim(), `running ${pid}`, name);
  }
  const lines = ok(['logs', 't0']).trim().split('\n').map(Number);
  assert.ok(lines.length > 40, `only ${lines.length} lines`);
  lines.forEach((n, i) => assert.equal(n, i, 'a gap in the log'));

  // exits while away, --rm
  assert.equal(ok(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'three']).trim(), 'exited 3');
  assert.notEqual(ok(['inspect', '-f', '{{.State.FinishedAt}}', 'three']).trim(), '0001-01-01T00:00:00Z');
  assert.match(d.berth(['inspect', 'gone']).stderr, /No such object|No such container/);

  // interrupted starts: each is either running for real or cleanly not
  for (let i = 0; i < 5; i++) {
    const r = d.berth(['inspect', '-f', '{{.State.Status}}', `late${i}`]);
    if (r.code !== 0) continue; // never created
    const status = r.stdout.trim();
    assert.ok(['running', 'created', 'exited'].includes(status), `late${i}: ${status}`);
    if (status === 'running') assert.equal(ok(['exec', `late${i}`, 'echo', 'alive']), 'alive\n');
  }

  // nothing stuck: the restart policy goes on, the interrupted stop can be redone
  for (let i = 0; i < 50 && ok(['inspect', '-f', '{{.RestartCount}}', 'phoenix']).trim() === '0'; i++) await sleep(200);
  assert.notEqual(ok(['inspect', '-f', '{{.RestartCount}}', 'phoenix']).trim(), '0');
  ok(['stop', '-t', '1', 'stubborn']);
  assert.equal(ok(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'stubborn']).trim(), 'exited 137');
  const statuses = ok(['ps', '-a', '--format', '{{.State}}']).trim().split('\n');
  assert.ok(statuses.every((s) => ['running', 'exited', 'created', 'restarting'].includes(s)), statuses.join(','));

  // exec, logs -f and stop on restored containers
  assert.equal(ok(['exec', 't1', 'echo', 'hi']), 'hi\n');
  const follower = spawn(join(ROOT, 'bin', 'berth'), ['logs', '-f', '--tail', '1', 't2'], { env: { ...process.env, BERTH_HOST: d.host } });
  clients.push(follower);
  let followed = '';
  follower.stdout.on('data', (b) => (followed += b));
  await sleep(1000);
  follower.kill();
  assert.ok(followed.trim().split('\n').length >= 5, `followed: ${followed}`);
  ok(['stop', '-t', '1', 't3']);

  // remove everything: nothing of ours is left on the host
  ok(['rm', '-f', ...ok(['ps', '-aq']).trim().split('\n')]);
  const conmons = spawnSync('pgrep', ['-f', `conmon.*${d.execRoot}/`], { encoding: 'utf8' }).stdout.trim();
  assert.equal(conmons, '', 'conmon processes left');
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((m) => m && (m.startsWith(d.execRoot) || m.startsWith(d.dataRoot)));
  assert.deepEqual(mounts, []);
  for (const dir of cgroupDirs(d.cgroupParent)) {
    const subs = readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory());
    assert.deepEqual(subs, [], `cgroups left in ${dir}`);
  }
  assert.deepEqual(readdirSync(join(d.execRoot, 'c')), []);
});
