// berthd itself: live restore across restarts and crashes, two daemons side
// by side, the socket's permissions, configuration errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let other: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  await d?.stop();
  await other?.stop();
});

const ok = (dm: Daemon, args: string[]) => {
  const r = dm.berth(args);
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('the socket is 0660 root:berth', () => {
  const st = statSync(d.socket);
  assert.equal(st.mode & 0o777, 0o660);
  const gid = spawnSync('getent', ['group', 'berth'], { encoding: 'utf8' }).stdout.split(':')[2];
  assert.equal(String(st.gid), gid);
});

test('containers outlive a berthd restart and a kill -9; exits while away are noticed', async () => {
  ok(d, ['run', '-d', '--name', 'keeper', 'busybox', 'sh', '-c', 'echo before; sleep 1000']);
  ok(d, ['run', '-d', '--name', 'quitter', 'busybox', 'sh', '-c', 'sleep 2; exit 7']);
  const pid = ok(d, ['inspect', '-f', '{{.State.Pid}}', 'keeper']).trim();
  await d.restart();
  assert.equal(ok(d, ['inspect', '-f', '{{.State.Running}} {{.State.Pid}}', 'keeper']).trim(), `true ${pid}`);
  d.kill9();
  await sleep(2500); // quitter exits while no berthd runs
  await d.restart();
  assert.equal(ok(d, ['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'quitter']).trim(), 'exited 7');
  assert.equal(ok(d, ['inspect', '-f', '{{.State.Running}} {{.State.Pid}}', 'keeper']).trim(), `true ${pid}`);
  assert.equal(ok(d, ['logs', 'keeper']), 'before\n');
  // The restored container still stops and reports through conmon.
  ok(d, ['stop', '-t', '0', 'keeper']);
  assert.equal(ok(d, ['inspect', '-f', '{{.State.ExitCode}}', 'keeper']).trim(), '137');
  ok(d, ['rm', 'keeper', 'quitter']);
});

test('a container whose conmon died is seen as exited by stop and rm -f (no hang)', () => {
  const id = ok(d, ['run', '-d', 'busybox', 'sleep', '1000']).trim();
  const conmon = Number(readFileSync(join(d.execRoot, 'c', id, 'conmon.pid'), 'utf8'));
  const pid = Number(ok(d, ['inspect', '-f', '{{.State.Pid}}', id]).trim());
  process.kill(conmon, 'SIGKILL');
  process.kill(pid, 'SIGKILL');
  const t0 = Date.now();
  ok(d, ['stop', '-t', '1', id]);
  assert.ok(Date.now() - t0 < 10000);
  assert.equal(ok(d, ['inspect', '-f', '{{.State.Running}} {{.State.ExitCode}}', id]).trim(), 'false 137');
  ok(d, ['rm', '-f', id]);
});

test('always restarts across a daemon restart; on-failure retries up to N', async () => {
  ok(d, ['run', '-d', '--name', 'flaky', '--restart', 'on-failure:2', 'busybox', 'sh', '-c', 'exit 1']);
  for (let i = 0; i < 60; i++) {
    if (ok(d, ['inspect', '-f', '{{.RestartCount}} {{.State.Running}} {{.State.Restarting}}', 'flaky']).trim() === '2 false false') break;
    await sleep(100);
  }
  assert.equal(ok(d, ['inspect', '-f', '{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}', 'flaky']).trim(), '2 exited 1');
  ok(d, ['rm', '-f', 'flaky']);
});

test('two daemons side by side do not see each other', async () => {
  other = await startTestDaemon({ images: ['busybox'] });
  ok(d, ['run', '-d', '--name', 'mine', 'busybox', 'sleep', '1000']);
  ok(other, ['run', '-d', '--name', 'mine', 'busybox', 'sleep', '1000']);
  assert.equal(ok(d, ['ps', '--format', '{{.Names}}']).trim(), 'mine');
  assert.equal(ok(other, ['ps', '--format', '{{.Names}}']).trim(), 'mine');
  assert.notEqual(ok(d, ['inspect', '-f', '{{.Id}}', 'mine']), ok(other, ['inspect', '-f', '{{.Id}}', 'mine']));
  await other.stop();
  assert.equal(ok(d, ['inspect', '-f', '{{.State.Running}}', 'mine']).trim(), 'true');
  ok(d, ['rm', '-f', 'mine']);
});

test('every distinct -H unix:// socket serves the API; a socket given twice is served once', async () => {
  const second = `/run/bt2-${randomBytes(4).toString('hex')}.sock`;
  let two: Daemon | undefined;
  try {
    two = await startTestDaemon({ extraArgs: ['-H', `unix://${second}`, '-H', `unix://${second}`] });
    ok(two, ['volume', 'create', 'both']);
    const viaSecond = spawnSync('/usr/local/bin/docker', ['-H', `unix://${second}`, 'volume', 'ls', '--format', '{{.Name}}'], { encoding: 'utf8' });
    assert.equal(viaSecond.status, 0, viaSecond.stderr);
    assert.equal(viaSecond.stdout.trim(), 'both');
    assert.equal(statSync(second).mode & 0o777, 0o660);
    const berthSecond = spawnSync(process.execPath, [join(ROOT, 'bin', 'berth'), '-H', `unix://${second}`, 'version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' });
    assert.equal(berthSecond.status, 0, berthSecond.stderr);
  } finally {
    await two?.stop();
    rmSync(second, { force: true });
  }
});

test('configuration errors stop berthd with dockerd-style messages', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'berthd'), ...args], { encoding: 'utf8', timeout: 20000 });
  const bip = run(['--bip', '300.1.1.1/16', '--config-file', '/dev/null']);
  assert.notEqual(bip.status, 0);
  assert.match(bip.stderr, /invalid CIDR address: 300\.1\.1\.1\/16/);
  const both = run(['-b', 'br0', '--bip', '10.9.0.1/16']);
  assert.match(both.stderr, /You specified -b & --bip, mutually exclusive options/);
  const cfg = join(d.dataRoot, 'bad.json');
  writeFileSync(cfg, '{"no-such-key": 1}');
  assert.match(run(['--config-file', cfg]).stderr, /the following directives don't match any configuration option: no-such-key/);
  writeFileSync(cfg, '{"data-root": "/x"}');
  assert.match(run(['--config-file', cfg, '--data-root', '/y']).stderr, /specified both as a flag and in the configuration file: data-root/);
  writeFileSync(cfg, '{"log-opts": {"max-size": "10m", "maxfile": "3"}}');
  assert.match(run(['--config-file', cfg]).stderr, /failed to set log opts: unknown log opt 'maxfile' for json-file log driver/);
  writeFileSync(cfg, '{"log-driver": "syslogd"}');
  assert.match(run(['--config-file', cfg]).stderr, /logger: no log driver named 'syslogd' is registered/);
  const tcp = run(['-H', 'tcp://127.0.0.1:2375', '--config-file', '/dev/null']);
  assert.notEqual(tcp.status, 0);
});

test('API: ping headers, version negotiation and errors in Docker shape', async () => {
  const ping = await d.api('GET', '/_ping');
  assert.equal(ping.body, 'OK');
  assert.equal((await d.api('GET', '/v1.24/_ping')).status, 200);
  const tooNew = await d.api('GET', '/v1.99/version');
  assert.equal(tooNew.status, 400);
  assert.match(tooNew.json.message, /client version 1.99 is too new/);
  const missing = await d.api('GET', '/containers/nosuch/json');
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.json, { message: 'No such container: nosuch' });
  const bad = await d.api('POST', '/containers/create', '{"Image": ');
  assert.equal(bad.status, 400);
  assert.match(bad.json.message, /invalid JSON/);
});
