// The container lifecycle through the berth CLI against a real berthd with
// runc and conmon.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  await d?.stop();
});

const ok = (args: string[], input?: string) => {
  const r = d.berth(args, { input });
  assert.equal(r.code, 0, `berth ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
};

test('run prints the output and returns the exit code; stdout and stderr apart', () => {
  assert.equal(ok(['run', '--rm', 'busybox', 'echo', 'hello', 'world']), 'hello world\n');
  const r = d.berth(['run', '--rm', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
  assert.equal(r.code, 3);
  assert.equal(r.stdout, 'out\n');
  assert.equal(r.stderr, 'err\n');
});

test('exit codes: 127 not found, 126 not executable, 125 daemon refusal, 137 after SIGKILL', () => {
  const nf = d.berth(['run', '--rm', 'busybox', 'nosuchcommand']);
  assert.equal(nf.code, 127);
  assert.match(nf.stderr, /executable file not found/);
  const ne = d.berth(['run', '--rm', 'busybox', '/etc/passwd']);
  assert.equal(ne.code, 126);
  const bad = d.berth(['run', '-m', '5x', 'busybox', 'true']);
  assert.equal(bad.code, 125);
  assert.match(bad.stderr, /invalid argument "5x" for "-m, --memory" flag/);
  // a missing image is pulled first; only loopback is a network target in tests (port 9: refused)
  const missing = d.berth(['run', '127.0.0.1:9/nosuchimage']);
  assert.equal(missing.code, 125);
  assert.match(missing.stderr, /^Unable to find image '127\.0\.0\.1:9\/nosuchimage:latest' locally\n/);
  assert.match(missing.stderr, /Error response from daemon: .*127\.0\.0\.1:9/);
  const never = d.berth(['run', '--pull', 'never', 'nosuchimage']);
  assert.equal(never.code, 125);
  assert.match(never.stderr, /No such image: nosuchimage:latest/);
  ok(['run', '-d', '--name', 'k9', 'busybox', 'sleep', '100']);
  ok(['kill', 'k9']);
  assert.equal(ok(['wait', 'k9']).trim(), '137');
  assert.equal(ok(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'k9']).trim(), 'exited 137');
  ok(['rm', 'k9']);
});

test('detached containers: ps, logs, stop with timeout, restart, rename, rm', () => {
  const id = ok(['run', '-d', '--name', 'web', '-l', 'tier=front', 'busybox', 'sh', '-c', 'echo ready; echo oops >&2; sleep 1000']).trim();
  assert.match(id, /^[0-9a-f]{64}$/);
  const ps = ok(['ps']);
  assert.match(ps.split('\n')[0], /^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/);
  assert.match(ps, new RegExp(`${id.slice(0, 12)}\\s+busybox\\s+"sh -c 'echo ready;…"|${id.slice(0, 12)}.*Up .*web`));
  assert.equal(ok(['ps', '-q', '--no-trunc']).trim(), id);
  assert.equal(ok(['ps', '--filter', 'label=tier=front', '--format', '{{.Names}}']).trim(), 'web');
  assert.equal(ok(['ps', '--filter', 'label=tier=back', '-q']).trim(), '');
  for (let i = 0; i < 50 && !ok(['logs', 'web']).includes('ready'); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  const logs = d.berth(['logs', 'web']);
  assert.equal(logs.stdout, 'ready\n');
  assert.equal(logs.stderr, 'oops\n');
  assert.match(ok(['logs', '-t', 'web']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z ready\n$/);
  // PID 1 ignores SIGTERM: stop falls back to SIGKILL after -t seconds.
  const t0 = Date.now();
  assert.equal(ok(['stop', '-t', '1', id.slice(0, 12)]).trim(), id.slice(0, 12));
  assert.ok(Date.now() - t0 < 8000);
  assert.equal(ok(['inspect', '-f', '{{.State.ExitCode}}', 'web']).trim(), '137');
  assert.match(ok(['ps', '-a', '--format', '{{.Status}}', '--filter', 'name=web']), /^Exited \(137\) /);
  ok(['restart', '-t', '0', 'web']);
  assert.equal(ok(['inspect', '-f', '{{.State.Running}}', 'web']).trim(), 'true');
  ok(['rename', 'web', 'web2']);
  assert.equal(ok(['inspect', '-f', '{{.Name}}', 'web2']).trim(), '/web2');
  const busy = d.berth(['rm', 'web2']);
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, /container is running: stop the container before removing or force remove/);
  ok(['rm', '-f', 'web2']);
  assert.equal(d.berth(['inspect', 'web2']).code, 1);
});

test('names and conflicts; stop $(ps -q) and rm $(ps -aq)', () => {
  ok(['create', '--name', 'dup', 'busybox', 'true']);
  const again = d.berth(['create', '--name', 'dup', 'busybox', 'true']);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /Conflict. The container name "\/dup" is already in use/);
  const auto = ok(['create', 'busybox', 'true']).trim();
  assert.match(ok(['inspect', '-f', '{{.Name}}', auto]), /^\/[a-z]+_[a-z]+\d?\n$/);
  ok(['run', '-d', 'busybox', 'sleep', '100']);
  ok(['run', '-d', 'busybox', 'sleep', '100']);
  const running = ok(['ps', '-q']).trim().split('\n');
  assert.equal(running.length, 2);
  ok(['stop', '-t', '0', ...running]);
  const all = ok(['ps', '-aq']).trim().split('\n');
  assert.equal(all.length, 4);
  ok(['rm', ...all]);
  assert.equal(ok(['ps', '-aq']).trim(), '');
});

test('run options reach the process: env, env-file, workdir, user, hostname, entrypoint, read-only, tmpfs', () => {
  const envFile = join(d.dataRoot, 'env.list');
  writeFileSync(envFile, '# comment\nFROM_FILE=yes\n');
  assert.equal(ok(['run', '--rm', '-e', 'A=1', '--env-file', envFile, 'busybox', 'sh', '-c', 'echo $A $FROM_FILE $HOSTNAME']).trim().split(' ').slice(0, 2).join(' '), '1 yes');
  assert.equal(ok(['run', '--rm', '-w', '/tmp', 'busybox', 'pwd']), '/tmp\n');
  assert.equal(ok(['run', '--rm', '-u', 'nobody', 'busybox', 'id', '-un']), 'nobody\n');
  assert.match(ok(['run', '--rm', '-u', '1234:5678', 'busybox', 'id']), /^uid=1234 gid=5678\b/);
  assert.equal(ok(['run', '--rm', '-h', 'myhost', 'busybox', 'hostname']), 'myhost\n');
  assert.equal(ok(['run', '--rm', '--entrypoint', 'echo', 'busybox', 'via', 'entrypoint']), 'via entrypoint\n');
  const ro = d.berth(['run', '--rm', '--read-only', 'busybox', 'touch', '/x']);
  assert.notEqual(ro.code, 0);
  assert.match(ro.stderr, /Read-only file system/);
  assert.match(ok(['run', '--rm', '--read-only', '--tmpfs', '/scratch', 'busybox', 'sh', '-c', 'touch /scratch/x && mount | grep scratch']), /tmpfs on \/scratch type tmpfs/);
  assert.match(ok(['run', '--rm', 'busybox', 'df', '/dev/shm']), /\s65536\s/);
  assert.match(ok(['run', '--rm', '--shm-size', '8m', 'busybox', 'df', '/dev/shm']), /\s8192\s/);
  assert.match(ok(['run', '--rm', 'busybox', 'cat', '/etc/hosts']), /127\.0\.0\.1\tlocalhost/);
  assert.equal(ok(['run', '--rm', '-i', 'busybox', 'cat'], 'piped stdin\n'), 'piped stdin\n');
  assert.equal(ok(['run', '--rm', '--init', 'busybox', 'cat', '/proc/1/comm']).trim(), 'docker-init');
});

test('isolation: masked /proc paths, default caps, no new namespaces leak', () => {
  assert.match(ok(['run', '--rm', 'busybox', 'grep', 'CapEff', '/proc/self/status']), /00000000a80425fb/);
  assert.equal(ok(['run', '--rm', 'busybox', 'sh', '-c', 'cat /proc/kcore | wc -c']).trim(), '0');
  assert.notEqual(d.berth(['run', '--rm', 'busybox', 'sh', '-c', 'echo 1 > /proc/sys/kernel/panic']).code, 0);
  assert.equal(ok(['run', '--rm', '--network', 'none', 'busybox', 'sh', '-c', 'ls /sys/class/net']).trim(), 'lo');
  assert.equal(ok(['run', '--rm', 'busybox', 'sh', '-c', 'ls /sys/class/net']).trim(), 'eth0\nlo');
});

test('resource limits land in the cgroup', () => {
  const id = ok(['run', '-d', '-m', '64m', '--cpus', '0.5', '--pids-limit', '42', '--cpu-shares', '512', 'busybox', 'sleep', '100']).trim();
  const cg = (ctrl: string, file: string) => {
    const v2 = '/sys/fs/cgroup/cgroup.controllers';
    try {
      readFileSync(v2);
      return readFileSync(join('/sys/fs/cgroup', d.cgroupParent, id, file.split('|')[1]), 'utf8').trim();
    } catch {
      return readFileSync(join('/sys/fs/cgroup', ctrl, d.cgroupParent, id, file.split('|')[0]), 'utf8').trim();
    }
  };
  assert.equal(cg('memory', 'memory.limit_in_bytes|memory.max'), String(64 * 1024 * 1024));
  assert.equal(cg('pids', 'pids.max|pids.max'), '42');
  assert.match(cg('cpu', 'cpu.cfs_quota_us|cpu.max'), /^50000/);
  assert.equal(ok(['inspect', '-f', '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}', id]).trim(), `${64 << 20} ${128 << 20} 500000000 42`);
  ok(['rm', '-f', id]);
});

test('going past -m gets the container OOM-killed: exit 137 and OOMKilled in inspect, for berth and docker', () => {
  const hog = 'x=$(head -c 100000000 /dev/zero | tr "\\0" a); echo survived';
  for (const cli of ['berth', 'docker'] as const) {
    const r = d[cli](['run', '--name', `oom-${cli}`, '-m', '16m', '--memory-swap', '16m', 'busybox', 'sh', '-c', hog]);
    assert.equal(r.code, 137, r.stdout + r.stderr);
    assert.equal(d[cli](['inspect', '-f', '{{.State.OOMKilled}} {{.State.ExitCode}}', `oom-${cli}`]).stdout.trim(), 'true 137');
  }
  ok(['run', '--name', 'no-oom', '-m', '16m', 'busybox', 'true']);
  assert.equal(ok(['inspect', '-f', '{{.State.OOMKilled}}', 'no-oom']).trim(), 'false');
  ok(['rm', 'oom-berth', 'oom-docker', 'no-oom']);
});

test("a container's changes are its own: rm -rf /bin leaves the image whole", () => {
  ok(['run', '--name', 'wrecker', 'busybox', 'rm', '-rf', '/bin']);
  assert.equal(ok(['run', '--rm', 'busybox', 'ls', '/bin/sh']), '/bin/sh\n');
  assert.match(ok(['ps', '-a', '-s', '--format', '{{.Names}} {{.Size}}', '--filter', 'name=wrecker']), /^wrecker /);
  ok(['rm', 'wrecker']);
});

test('a failed create leaves nothing behind', () => {
  const snaps = () => readdirSync(join(d.dataRoot, 'root', 'snapshots')).length;
  const before = snaps();
  assert.notEqual(d.berth(['create', 'nosuchimage:1']).code, 0);
  assert.notEqual(d.berth(['create', '--cpus', '99', 'busybox']).code, 0);
  assert.equal(snaps(), before);
  assert.equal(ok(['ps', '-aq']).trim(), '');
});

test('--rm removes the container, container prune removes stopped ones', () => {
  ok(['run', '--rm', 'busybox', 'true']);
  assert.equal(ok(['ps', '-aq']).trim(), '');
  ok(['run', 'busybox', 'true']);
  ok(['run', 'busybox', 'true']);
  const out = ok(['container', 'prune', '-f']);
  assert.match(out, /Deleted Containers:\n[0-9a-f]{64}\n[0-9a-f]{64}\n/);
  assert.match(out, /Total reclaimed space: /);
  assert.equal(ok(['ps', '-aq']).trim(), '');
});
