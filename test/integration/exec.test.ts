// exec, pause/unpause, top and update, through the berth CLI and the docker CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  const r = d.berth(['run', '-d', '--name', 'box', 'busybox', 'sleep', '1000']);
  assert.equal(r.code, 0, r.stderr);
});
after(async () => {
  await d?.stop();
});

for (const cli of ['berth', 'docker'] as const) {
  const run = (args: string[], input?: string) => d[cli](args, { input });

  test(`${cli} exec: output, exit code, stdin, -u -w -e, missing command`, () => {
    assert.deepEqual(run(['exec', 'box', 'echo', 'hi']), { code: 0, stdout: 'hi\n', stderr: '' });
    const r = run(['exec', 'box', 'sh', '-c', 'echo out; echo err >&2; exit 5']);
    assert.equal(r.code, 5);
    assert.equal(r.stdout, 'out\n');
    assert.equal(r.stderr, 'err\n');
    const big = 'x'.repeat(100_000);
    assert.equal(run(['exec', '-i', 'box', 'wc', '-c'], big).stdout.trim(), '100000');
    assert.equal(run(['exec', '-u', 'nobody', '-w', '/tmp', '-e', 'FOO=bar', 'box', 'sh', '-c', 'echo $(id -un) $(pwd) $FOO']).stdout, 'nobody /tmp bar\n');
    const missing = run(['exec', 'box', 'nosuchcmd']);
    assert.equal(missing.code, 127);
    assert.match(missing.stdout + missing.stderr, /executable file not found/);
  });

  test(`${cli} exec -d runs in the background; exec into a stopped container is refused`, () => {
    assert.equal(run(['exec', '-d', 'box', 'sh', '-c', 'echo bg > /tmp/bg']).code, 0);
    let out = '';
    for (let i = 0; i < 40 && out !== 'bg\n'; i++) {
      out = run(['exec', 'box', 'cat', '/tmp/bg']).stdout;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
    assert.equal(out, 'bg\n');
    assert.equal(d.berth(['create', '--name', `idle-${cli}`, 'busybox', 'true']).code, 0);
    const r = run(['exec', `idle-${cli}`, 'true']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /is not running/);
  });
}

test('pause and unpause freeze the container; exec into a paused one is refused', () => {
  assert.equal(d.berth(['pause', 'box']).code, 0);
  assert.equal(d.berth(['inspect', '-f', '{{.State.Status}} {{.State.Paused}}', 'box']).stdout.trim(), 'paused true');
  assert.match(d.berth(['ps', '--format', '{{.Status}}', '--filter', 'name=box']).stdout, /^Up .* \(Paused\)$/m);
  const ex = d.docker(['exec', 'box', 'true']);
  assert.notEqual(ex.code, 0);
  assert.match(ex.stderr, /is paused/);
  assert.match(d.berth(['pause', 'box']).stderr, /already paused/);
  assert.equal(d.docker(['unpause', 'box']).code, 0);
  assert.equal(d.berth(['inspect', '-f', '{{.State.Status}}', 'box']).stdout.trim(), 'running');
});

test('top lists the container processes with ps options', () => {
  const r = d.berth(['top', 'box']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.split('\n')[0], /^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$/);
  assert.match(r.stdout, /sleep 1000/);
  assert.equal(r.stdout.trim().split('\n').length, 2);
  const aux = d.docker(['top', 'box', 'aux']);
  assert.equal(aux.code, 0, aux.stderr);
  assert.match(aux.stdout, /^USER\s+PID\s+%CPU/);
});

test('update applies new limits and restart policy to a running container', () => {
  const id = d.berth(['run', '-d', '-m', '64m', 'busybox', 'sleep', '1000']).stdout.trim();
  const up = d.berth(['update', '-m', '128m', '--pids-limit', '33', '--restart', 'always', id.slice(0, 12)]);
  assert.equal(up.code, 0, up.stderr);
  assert.equal(d.berth(['inspect', '-f', '{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}}', id]).stdout.trim(), `${128 << 20} 33 always`);
  assert.match(d.berth(['exec', id, 'cat', '/sys/fs/cgroup/pids/pids.max']).stdout + d.berth(['exec', id, 'cat', '/sys/fs/cgroup/pids.max']).stdout, /33/);
  const bad = d.docker(['update', '-m', '1k', id]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /Minimum memory limit allowed is 6MB/);
  assert.equal(d.berth(['rm', '-f', id]).code, 0);
});
