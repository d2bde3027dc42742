// The real docker CLI (/usr/local/bin/docker) against berthd: output formats,
// exit codes, error messages and the container and image commands.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon, type RunResult } from './harness';

let d: Daemon;
let work: string;
before(async () => {
  d = await startTestDaemon({ images: ['busybox', 'hello-world'] });
  work = mkdtempSync(join(tmpdir(), 'berth-cli-test-'));
});
// A failed test must not leave containers that break the next one's counts.
beforeEach(() => {
  const ids = d.docker(['ps', '-aq']).stdout.split('\n').filter(Boolean);
  if (ids.length) d.docker(['rm', '-f', ...ids]);
});
after(async () => {
  await d?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const docker = (args: string[], input?: string): RunResult => d.docker(args, { input });
/** Runs docker ARGS, asserts success and returns stdout. */
const ok = (args: string[], input?: string): string => {
  const r = docker(args, input);
  assert.equal(r.code, 0, `docker ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
};
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
/** The columns of a table header printed by the CLI (separated by 2+ spaces). */
const header = (out: string) => out.split('\n')[0].trim().split(/\s{2,}/);

test('docker version shows the Berth Engine server', () => {
  const out = ok(['version']);
  assert.match(out, /^Server: Berth Engine$/m);
  assert.match(out, /^ Engine:\n  Version:\s+0\.1\.0$/m);
  assert.match(out, /^  API version:\s+1\.47 \(minimum version 1\.24\)$/m);
  assert.equal(ok(['version', '--format', '{{.Server.Platform.Name}}']), 'Berth Engine\n');
});

test('docker info shows the container and image counts', () => {
  const out = ok(['info']);
  assert.match(out, /^ Containers: 0\n  Running: 0\n  Paused: 0\n  Stopped: 0\n Images: 2$/m);
  ok(['create', '--name', 'counted', 'busybox', 'true']);
  ok(['run', '-d', '--name', 'counted-up', 'busybox', 'sleep', '60']);
  assert.equal(ok(['info', '--format', '{{.Containers}} {{.ContainersRunning}} {{.ContainersStopped}} {{.Images}}']), '2 1 1 2\n');
  ok(['rm', '-f', 'counted', 'counted-up']);
  assert.equal(ok(['info', '--format', '{{.Containers}}']), '0\n');
});

test('docker run --rm prints the output', () => {
  const r = docker(['run', '--rm', 'busybox', 'echo', 'hello', 'world']);
  assert.deepEqual(r, { code: 0, stdout: 'hello world\n', stderr: '' });
  assert.match(ok(['run', '--rm', 'hello-world']), /^\nHello from Berth!\n/);
  assert.equal(ok(['ps', '-aq']), '', '--rm left a container behind');
});

test('exit codes: the command, 127, 126, 125', () => {
  assert.equal(docker(['run', '--rm', 'busybox', 'sh', '-c', 'exit 3']).code, 3);
  const nf = docker(['run', '--rm', 'busybox', 'nosuchcommand']);
  assert.equal(nf.code, 127);
  assert.match(nf.stderr, /exec: "nosuchcommand": executable file not found in \$PATH/);
  const ne = docker(['run', '--rm', 'busybox', '/etc/passwd']);
  assert.equal(ne.code, 126);
  assert.match(ne.stderr, /exec: "\/etc\/passwd": permission denied/);
  // a missing image is pulled first; only loopback is a network target in tests (port 9: refused)
  const ni = docker(['run', '--rm', '127.0.0.1:9/nosuchimage']);
  assert.equal(ni.code, 125);
  assert.match(ni.stderr, /^Unable to find image '127\.0\.0\.1:9\/nosuchimage:latest' locally$/m);
  const never = docker(['run', '--rm', '--pull', 'never', 'nosuchimage']);
  assert.equal(never.code, 125);
  assert.match(never.stderr, /No such image: nosuchimage:latest/);
  const bad = docker(['run', '-m', '5x', 'busybox', 'true']);
  assert.equal(bad.code, 125);
  assert.match(bad.stderr, /invalid argument "5x" for "-m, --memory" flag/);
  assert.equal(ok(['ps', '-aq']), '', 'failed runs left containers behind');
});

test('stdout and stderr are kept apart in run and in logs', () => {
  const script = 'echo out1; echo err1 >&2; echo out2; echo err2 >&2';
  const r = docker(['run', '--name', 'streams', 'busybox', 'sh', '-c', script]);
  assert.deepEqual(r, { code: 0, stdout: 'out1\nout2\n', stderr: 'err1\nerr2\n' });
  const logs = docker(['logs', 'streams']);
  assert.deepEqual(logs, { code: 0, stdout: 'out1\nout2\n', stderr: 'err1\nerr2\n' });
  ok(['rm', 'streams']);
});

test('detached: ps columns, logs, stop -t 1 kills a PID 1 that ignores TERM, rm', () => {
  const id = ok(['run', '-d', '--name', 'stubborn', 'busybox', 'sh', '-c', 'trap "" TERM; echo ready; echo warn >&2; while :; do sleep 1; done']).trim();
  assert.match(id, /^[0-9a-f]{64}$/);
  const ps = ok(['ps']);
  assert.deepEqual(header(ps), ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']);
  const row = ps.split('\n').find((l) => l.startsWith(id.slice(0, 12)));
  assert.ok(row, `no row for ${id} in\n${ps}`);
  assert.match(row, /^[0-9a-f]{12}\s+busybox\s+"sh -c trap \\"\\" TERM;…"\s+.+\s+Up .+\s+stubborn$/);
  for (let i = 0, l = docker(['logs', 'stubborn']); i < 50 && (!l.stdout || !l.stderr); i++, sleep(100)) l = docker(['logs', 'stubborn']);
  assert.deepEqual(docker(['logs', 'stubborn']), { code: 0, stdout: 'ready\n', stderr: 'warn\n' });
  const t0 = Date.now();
  assert.equal(ok(['stop', '-t', '1', id.slice(0, 12)]), `${id.slice(0, 12)}\n`);
  const took = Date.now() - t0;
  assert.ok(took >= 900 && took < 8000, `stop -t 1 took ${took} ms`);
  assert.equal(ok(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}} {{.State.Running}}', 'stubborn']), 'exited 137 false\n');
  assert.equal(ok(['ps', '-q']), '');
  assert.equal(ok(['rm', 'stubborn']), 'stubborn\n');
  const gone = docker(['inspect', 'stubborn']);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /No such object: stubborn/);
});

test('docker inspect -f: status, config as JSON, memory limit', () => {
  ok(['run', '-d', '--name', 'limited', '-m', '64m', '-e', 'FOO=bar', 'busybox', 'sleep', '60']);
  assert.equal(ok(['inspect', '-f', '{{.State.Status}}', 'limited']), 'running\n');
  assert.equal(ok(['inspect', '-f', '{{.HostConfig.Memory}}', 'limited']), `${64 * 1024 * 1024}\n`);
  const cfg = JSON.parse(ok(['inspect', '-f', '{{json .Config}}', 'limited']));
  assert.equal(cfg.Image, 'busybox');
  assert.deepEqual(cfg.Cmd, ['sleep', '60']);
  assert.ok(cfg.Env.includes('FOO=bar'), JSON.stringify(cfg.Env));
  assert.equal(cfg.Tty, false);
  assert.equal(ok(['inspect', '-f', '{{.Name}}', 'limited']), '/limited\n');
  ok(['rm', '-f', 'limited']);
});

test('names and ID prefixes; rm with several ids', () => {
  const ids = ['multi-a', 'multi-b', 'multi-c'].map((n) => ok(['run', '-d', '--name', n, 'busybox', 'sleep', '60']).trim());
  const short = ok(['ps', '-q']).trim().split('\n').sort();
  assert.deepEqual(short, ids.map((i) => i.slice(0, 12)).sort());
  assert.equal(ok(['inspect', '-f', '{{.Name}}', ids[1].slice(0, 7)]), '/multi-b\n');
  assert.equal(ok(['stop', '-t', '0', ids[0].slice(0, 12), 'multi-b', ids[2]]), `${ids[0].slice(0, 12)}\nmulti-b\n${ids[2]}\n`);
  const all = ok(['ps', '-aq']).trim().split('\n');
  assert.equal(all.length, 3);
  assert.equal(ok(['rm', ...all]), all.map((x) => `${x}\n`).join(''));
  assert.equal(ok(['ps', '-aq']), '');
  const none = docker(['stop', 'nonexistent-ctr']);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /No such container: nonexistent-ctr/);
});

test('docker rename, restart and wait', () => {
  const id = ok(['run', '-d', '--name', 'before-name', 'busybox', 'sleep', '60']).trim();
  assert.equal(ok(['rename', 'before-name', 'after-name']), '');
  assert.equal(ok(['inspect', '-f', '{{.Name}}', id]), '/after-name\n');
  assert.equal(ok(['ps', '--format', '{{.Names}}']), 'after-name\n');
  assert.equal(docker(['inspect', 'before-name']).code, 1);
  const pid1 = ok(['inspect', '-f', '{{.State.Pid}} {{.State.StartedAt}}', 'after-name']);
  assert.equal(ok(['restart', '-t', '1', 'after-name']), 'after-name\n');
  const pid2 = ok(['inspect', '-f', '{{.State.Pid}} {{.State.StartedAt}}', 'after-name']);
  assert.notEqual(pid2, pid1);
  assert.equal(ok(['inspect', '-f', '{{.State.Status}}', 'after-name']), 'running\n');
  ok(['rm', '-f', 'after-name']);

  ok(['run', '-d', '--name', 'waited', 'busybox', 'sh', '-c', 'sleep 1; exit 42']);
  assert.equal(ok(['wait', 'waited']), '42\n');
  assert.equal(ok(['inspect', '-f', '{{.State.ExitCode}}', 'waited']), '42\n');
  ok(['rm', 'waited']);
});

test('docker run -i passes stdin', () => {
  const r = docker(['run', '--rm', '-i', 'busybox', 'cat'], 'line one\nline two\n');
  assert.deepEqual(r, { code: 0, stdout: 'line one\nline two\n', stderr: '' });
  assert.equal(ok(['run', '--rm', '-i', 'busybox', 'wc', '-l'], 'a\nb\nc\n').trim(), '3');
});

test('docker run -i passes more than 32 KiB of stdin intact', () => {
  const input = 'abcdefghijklmnopqrstuvwxyz012345'.repeat(4096); // 128 KiB
  assert.equal(ok(['run', '--rm', '-i', 'busybox', 'wc', '-c'], input).trim(), String(input.length));
  const r = docker(['run', '--rm', '-i', 'busybox', 'cat'], input);
  assert.equal(r.stdout.length, input.length);
  assert.ok(r.stdout === input, 'cat returned different bytes');
});

test('killing an attached docker run -i closes the container\'s stdin', async () => {
  const cfg = join(work, 'docker-config');
  mkdirSync(cfg, { recursive: true });
  const cli = spawn('/usr/local/bin/docker', ['run', '-i', '--name', 'holder', 'busybox', 'cat'], {
    env: { ...process.env, DOCKER_HOST: d.host, DOCKER_CONFIG: cfg },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const exited = new Promise((r) => cli.once('exit', r));
  cli.stdin.write('x\n');
  let state = '';
  for (let i = 0; i < 100 && state !== 'running'; i++, sleep(50)) state = docker(['inspect', '-f', '{{.State.Status}}', 'holder']).stdout.trim();
  assert.equal(state, 'running');
  cli.kill('SIGKILL');
  await exited;
  // dockerd closes a StdinOnce container's stdin when the attach ends: cat sees EOF and exits.
  for (let i = 0; i < 50 && state === 'running'; i++, await new Promise((r) => setTimeout(r, 100))) {
    state = docker(['inspect', '-f', '{{.State.Status}}', 'holder']).stdout.trim();
  }
  assert.equal(state, 'exited');
  assert.equal(ok(['inspect', '-f', '{{.State.ExitCode}}', 'holder']), '0\n');
});

test('docker images and history', () => {
  const out = ok(['images']);
  assert.deepEqual(header(out), ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']);
  assert.match(out, /^busybox\s+latest\s+[0-9a-f]{12}\s+.+ago\s+[\d.]+[kM]B$/m);
  assert.match(out, /^hello-world\s+latest\s+[0-9a-f]{12}\s+.+ago\s+[\d.]+[kM]B$/m);
  assert.equal(ok(['images', '--format', '{{.Repository}}:{{.Tag}}']).split('\n').filter(Boolean).sort().join(' '), 'busybox:latest hello-world:latest');
  const hist = ok(['history', 'busybox']);
  assert.deepEqual(header(hist), ['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT']);
  assert.match(hist, /busybox built from Debian's busybox-static/);
  const missing = docker(['history', 'nosuchimage']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No such image: nosuchimage/);
});

test('docker import of a tar made here, then run it', () => {
  const root = join(work, 'rootfs');
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
  symlinkSync('busybox', join(root, 'bin', 'sh'));
  const tar = join(work, 'rootfs.tar');
  const t = spawnSync('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', tar, '.']);
  assert.equal(t.status, 0, String(t.stderr));
  const id = ok(['import', '-c', 'CMD ["/bin/sh", "-c", "echo from import"]', '-m', 'imported here', tar, 'imported:v1']).trim();
  assert.match(id, /^sha256:[0-9a-f]{64}$/);
  assert.equal(ok(['inspect', '-f', '{{.Id}} {{json .Config.Cmd}}', 'imported:v1']), `${id} ["/bin/sh","-c","echo from import"]\n`);
  assert.equal(ok(['run', '--rm', 'imported:v1']), 'from import\n');
  assert.equal(ok(['run', '--rm', 'imported:v1', 'sh', '-c', 'busybox ls /bin']), 'busybox\nsh\n');
  assert.equal(ok(['history', '--format', '{{.Comment}}', 'imported:v1']), 'imported here\n');
  assert.equal(ok(['rmi', 'imported:v1']).split('\n')[0], 'Untagged: imported:v1');
  assert.equal(docker(['inspect', id]).code, 1);
});

test('docker tag and rmi: untag vs delete, 409 while a container uses it', () => {
  const bbId = ok(['inspect', '-f', '{{.Id}}', 'busybox']).trim();
  assert.equal(ok(['tag', 'busybox', 'mybox:v1']), '');
  assert.equal(ok(['inspect', '-f', '{{.Id}}', 'mybox:v1']).trim(), bbId);
  ok(['run', '-d', '--name', 'user', 'mybox:v1', 'sleep', '60']);
  // Two tags: removing one only untags.
  assert.equal(ok(['rmi', 'mybox:v1']), 'Untagged: mybox:v1\n');
  assert.equal(ok(['inspect', '-f', '{{.Id}}', 'busybox']).trim(), bbId);
  // Last tag, used by a container: conflict.
  const busy = docker(['rmi', 'busybox']);
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, /conflict: unable to remove repository reference "busybox" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}/);
  assert.equal(ok(['inspect', '-f', '{{.Id}}', 'busybox']).trim(), bbId);
  ok(['rm', '-f', 'user']);
  // An image only hello-world uses, tagged twice, then deleted for good.
  ok(['tag', 'hello-world', 'hw:copy']);
  assert.equal(ok(['rmi', 'hw:copy']), 'Untagged: hw:copy\n');
  assert.equal(ok(['images', '-q', 'hello-world']).trim().length, 12);
});

test('docker container prune and image prune', () => {
  ok(['run', '--name', 'done-1', 'busybox', 'true']);
  const gone = ok(['run', '-d', '--name', 'done-2', 'busybox', 'true']).trim();
  ok(['wait', 'done-2']);
  const keep = ok(['run', '-d', '--name', 'still-up', 'busybox', 'sleep', '60']).trim();
  const pruned = ok(['container', 'prune', '-f']);
  assert.match(pruned, /^Deleted Containers:\n/);
  assert.ok(pruned.includes(`${gone}\n`), pruned);
  assert.equal(pruned.split('\n').filter((l) => /^[0-9a-f]{64}$/.test(l)).length, 2);
  assert.equal(ok(['ps', '-aq', '--no-trunc']).trim(), keep);
  ok(['rm', '-f', 'still-up']);

  const root = join(work, 'dangling');
  mkdirSync(root, { recursive: true });
  copyFileSync('/etc/hostname', join(root, 'file'));
  const tar = join(work, 'dangling.tar');
  assert.equal(spawnSync('tar', ['-C', root, '-cf', tar, '.']).status, 0);
  const dangling = ok(['import', tar]).trim();
  assert.equal(ok(['images', '-q', '--no-trunc', '-f', 'dangling=true']).trim(), dangling);
  const ip = ok(['image', 'prune', '-f']);
  assert.match(ip, /^Deleted Images:\ndeleted: sha256:[0-9a-f]{64}\n/);
  assert.ok(ip.includes(`deleted: ${dangling}\n`), ip);
  assert.match(ip, /Total reclaimed space: [\d.]+k?B\n$/);
  assert.equal(ok(['images', '-q', '-f', 'dangling=true']), '');
  assert.equal(ok(['image', 'prune', '-f']), 'Total reclaimed space: 0B\n');
  assert.equal(ok(['images', '--format', '{{.Repository}}']).split('\n').filter(Boolean).sort().join(' '), 'busybox hello-world');
});

test('docker run --name twice: already in use; rm of a running container', () => {
  const id = ok(['run', '-d', '--name', 'taken', 'busybox', 'sleep', '60']).trim();
  const again = docker(['run', '--name', 'taken', 'busybox', 'true']);
  assert.equal(again.code, 125);
  assert.match(again.stderr, new RegExp(`The container name "/taken" is already in use by container "${id}"`));
  const rm = docker(['rm', 'taken']);
  assert.equal(rm.code, 1);
  assert.match(rm.stderr, /cannot remove container "\/taken": container is running: stop the container before removing or force remove/);
  assert.equal(ok(['inspect', '-f', '{{.State.Running}}', 'taken']), 'true\n');
  assert.equal(ok(['rm', '-f', 'taken']), 'taken\n');
  assert.equal(ok(['ps', '-aq']), '');
});

test('what a container changes is its own', () => {
  assert.equal(docker(['run', '--name', 'vandal', 'busybox', 'rm', '-rf', '/bin']).code, 0);
  // The vandal's own filesystem lost /bin/rm: starting it again fails.
  const again = docker(['start', '-a', 'vandal']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /exec: "rm": executable file not found in \$PATH/);
  assert.equal(ok(['inspect', '-f', '{{.State.ExitCode}}', 'vandal']), '127\n');
  assert.equal(ok(['run', '--rm', 'busybox', 'sh', '-c', 'ls /bin/sh && echo ok']), '/bin/sh\nok\n');
  ok(['rm', 'vandal']);
});
