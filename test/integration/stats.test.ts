// stats: the API's stream / stream=false / one-shot answers in Docker's shape
// from the cgroup v1 files and the container's network namespace, berth stats
// and docker stats (--no-stream, --all, --format, streaming redraw).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import dgram from 'node:dgram';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ROOT, startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let busy: string;
let idle: string;
const veth = `btst${randomBytes(3).toString('hex')}`;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  // a tenth of a CPU at most, so the test takes little from other work on the machine
  busy = ok(['run', '-d', '--name', 'busy', '--cpus', '0.1', '-m', '64m', 'busybox', 'sh', '-c', 'dd if=/dev/zero of=/tmp/f bs=1M count=8 2>/dev/null; while :; do :; done']).trim();
  idle = ok(['run', '-d', '--name', 'idle', '--network', 'none', 'busybox', 'sleep', '300']).trim();
  ok(['create', '--name', 'stopped', 'busybox', 'true']);
});
after(async () => {
  spawnSync('ip', ['link', 'del', veth]);
  await d?.stop();
});

function ok(args: string[]): string {
  const r = d.berth(args);
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The first `n` lines of a streamed body, then the connection is closed. */
function firstLines(path: string, n: number): Promise<{ status: number; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath: d.socket, path }, (res) => {
      let buf = '';
      res.on('data', (c) => {
        buf += c;
        const lines = buf.split('\n').filter(Boolean);
        if (lines.length >= n && buf.endsWith('\n')) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, lines: lines.slice(0, n) });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, lines: buf.split('\n').filter(Boolean) }));
    });
    req.on('error', reject);
  });
}

test('API: one-shot answers from one sample; stream=false primes precpu; stream sends a frame a second', async () => {
  const one = await d.api('GET', `/v1.47/containers/busy/stats?stream=false&one-shot=true`);
  assert.equal(one.status, 200);
  const s = one.json;
  assert.deepEqual(Object.keys(s), ['read', 'preread', 'pids_stats', 'blkio_stats', 'num_procs', 'storage_stats', 'cpu_stats', 'precpu_stats', 'memory_stats', 'name', 'id', 'networks'].filter((k) => k in s));
  assert.equal(s.name, '/busy');
  assert.equal(s.id, busy);
  assert.equal(s.preread, '0001-01-01T00:00:00Z');
  assert.equal(s.precpu_stats.cpu_usage.total_usage, 0);
  assert.ok(s.cpu_stats.cpu_usage.total_usage > 0);
  assert.ok(s.cpu_stats.system_cpu_usage > 0);
  assert.ok(s.cpu_stats.online_cpus >= 1);
  assert.ok(Array.isArray(s.cpu_stats.cpu_usage.percpu_usage));
  assert.equal(s.memory_stats.limit, 64 * 1024 * 1024);
  assert.ok(s.memory_stats.usage > 0);
  assert.ok('total_inactive_file' in s.memory_stats.stats, 'v1 memory.stat keys');
  assert.ok(s.pids_stats.current >= 1);
  assert.ok(Array.isArray(s.blkio_stats.io_service_bytes_recursive));
  assert.ok(s.networks === undefined || typeof s.networks === 'object');

  const primed = await d.api('GET', `/containers/busy/stats?stream=false`);
  assert.equal(primed.status, 200);
  assert.notEqual(primed.json.preread, '0001-01-01T00:00:00Z');
  assert.ok(primed.json.precpu_stats.cpu_usage.total_usage > 0);
  assert.ok(primed.json.precpu_stats.system_cpu_usage < primed.json.cpu_stats.system_cpu_usage);

  const streamed = await firstLines('/containers/idle/stats', 2);
  assert.equal(streamed.status, 200);
  const [a, b] = streamed.lines.map((l) => JSON.parse(l));
  assert.equal(b.preread, a.read);
  assert.deepEqual(b.precpu_stats, a.cpu_stats);

  // a stopped container: only name and id, like dockerd
  const stopped = await d.api('GET', '/containers/stopped/stats?stream=false');
  assert.equal(stopped.status, 200);
  assert.equal(stopped.json.name, '/stopped');
  assert.equal(stopped.json.read, '0001-01-01T00:00:00Z');
  assert.deepEqual(stopped.json.memory_stats, {});

  assert.equal((await d.api('GET', '/containers/nope/stats?stream=false')).status, 404);
  const both = await d.api('GET', '/containers/busy/stats?stream=true&one-shot=true');
  assert.equal(both.status, 400);
  assert.match(both.json.message, /cannot have stream=true and one-shot=true/);
});

test('network counters come from the container\'s namespace (a veth the test puts there), loopback left out', async () => {
  const pid = (await d.api('GET', '/containers/idle/json')).json.State.Pid;
  const sh = (cmd: string) => assert.equal(spawnSync('sh', ['-c', cmd]).status, 0, cmd);
  sh(`ip link add ${veth} type veth peer name eth7 netns ${pid}`);
  sh(`ip addr add 169.254.77.1/30 dev ${veth} && ip link set ${veth} up`);
  sh(`nsenter -t ${pid} -n sh -c 'ip addr add 169.254.77.2/30 dev eth7 && ip link set eth7 up'`);
  // a few UDP datagrams to the container's end: ARP and the datagrams in, ARP reply and ICMP unreachable out
  const sock = dgram.createSocket('udp4');
  for (let i = 0; i < 30; i++) {
    await new Promise<void>((r) => sock.send('x'.repeat(100), 9, '169.254.77.2', () => r()));
    await new Promise((r) => setTimeout(r, 100));
    const cur = (await d.api('GET', `/containers/idle/stats?stream=false&one-shot=true`)).json;
    if (cur.networks?.eth7?.rx_packets >= 3 && cur.networks?.eth7?.tx_packets >= 1) break;
  }
  sock.close();
  const s = (await d.api('GET', `/containers/idle/stats?stream=false&one-shot=true`)).json;
  assert.ok(s.networks, JSON.stringify(s));
  assert.deepEqual(Object.keys(s.networks), ['eth7']);
  const n = s.networks.eth7;
  for (const k of ['rx_bytes', 'rx_packets', 'rx_errors', 'rx_dropped', 'tx_bytes', 'tx_packets', 'tx_errors', 'tx_dropped']) assert.equal(typeof n[k], 'number');
  assert.ok(n.rx_packets >= 3 && n.tx_packets >= 1 && n.rx_bytes > 0, JSON.stringify(n));
  const row = ok(['stats', '--no-stream', '--format', '{{.NetIO}}', 'idle']).trim();
  assert.match(row, /^[1-9][\d.]*k?B \/ [1-9][\d.]*k?B$/);
});

test('berth stats --no-stream and docker stats --no-stream: columns, --all, --format, --no-trunc', () => {
  const out = ok(['stats', '--no-stream']);
  const lines = out.trimEnd().split('\n');
  assert.match(lines[0], /^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS$/);
  assert.equal(lines.length, 3, out);
  const busyLine = lines.find((l) => l.includes(' busy '))!;
  assert.match(busyLine, new RegExp(`^${busy.slice(0, 12)}\\s+busy\\s+\\d+\\.\\d\\d%\\s+[\\d.]+[KMG]?i?B / 64MiB\\s+\\d+\\.\\d\\d%\\s+\\S+ / \\S+\\s+\\S+ / \\S+\\s+\\d+$`));
  const all = ok(['stats', '--no-stream', '--all', '--format', '{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}']);
  assert.match(all, /^stopped 0\.00% 0B \/ 0B 0$/m);
  assert.equal(all.trim().split('\n').length, 3);
  const full = ok(['stats', '--no-stream', '--no-trunc', '--format', '{{.ID}}', 'idle']);
  assert.equal(full.trim(), idle);
  const json = JSON.parse(ok(['stats', '--no-stream', '--format', '{{json .}}', 'busy']));
  assert.deepEqual(Object.keys(json), ['BlockIO', 'CPUPerc', 'Container', 'ID', 'MemPerc', 'MemUsage', 'Name', 'NetIO', 'PIDs']);
  assert.equal(json.Container, 'busy');

  const dk = d.docker(['stats', '--no-stream']);
  assert.equal(dk.code, 0, dk.stderr);
  const dl = dk.stdout.trimEnd().split('\n');
  assert.match(dl[0], /^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS$/);
  assert.match(dk.stdout, new RegExp(`${busy.slice(0, 12)}\\s+busy\\s+\\d+\\.\\d\\d%\\s+\\S+ / 64MiB`));
  const dfmt = d.docker(['stats', '--no-stream', '--format', '{{.Name}}:{{.MemPerc}}', 'idle', 'busy']);
  assert.equal(dfmt.code, 0, dfmt.stderr);
  assert.match(dfmt.stdout, /^idle:\d+\.\d\d%\nbusy:\d+\.\d\d%\n$/);

  const missing = d.berth(['stats', '--no-stream', 'nope']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No such container: nope/);
  // streaming too: a named container that does not exist ends the command at once, like docker's
  const streamMissing = d.berth(['stats', 'idle', 'nope']);
  assert.equal(streamMissing.code, 1);
  assert.match(streamMissing.stderr, /No such container: nope/);
});

test('berth stats streams: redraws the table in place and picks up new containers', async () => {
  const p = spawn(join(ROOT, 'bin', 'berth'), ['stats'], { env: { ...process.env, BERTH_HOST: d.host } });
  let out = '';
  p.stdout.on('data', (c) => (out += c));
  try {
    for (let i = 0; i < 100 && (out.match(/\x1b\[H/g) ?? []).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    ok(['run', '-d', '--name', 'late', 'busybox', 'sleep', '300']);
    for (let i = 0; i < 100 && !/ late /.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    const frames = out.split('\x1b[H').filter(Boolean);
    assert.ok(frames.length >= 2);
    const last = frames[frames.length - 1];
    assert.match(last, /^CONTAINER ID\s+NAME\s+CPU %.* \x1b\[K\n/);
    assert.match(last, / late /);
    assert.match(last, /\x1b\[J$/);
  } finally {
    p.kill('SIGTERM');
  }
});

test('docker stats streams against berthd (its own redraw, our frames)', async () => {
  const p = spawn('/usr/local/bin/docker', ['stats', '--format', '{{.Name}} {{.MemUsage}} {{.PIDs}}', 'busy', 'idle'], { env: { ...process.env, DOCKER_HOST: d.host } });
  let out = '';
  p.stdout.on('data', (c) => (out += c));
  try {
    for (let i = 0; i < 100 && !/busy \S+ \/ 64MiB \d+/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(out, /busy \S+ \/ 64MiB \d+/);
    assert.match(out, /idle \S+ \/ \S+ 1/);
  } finally {
    // docker stats with named containers loops on after SIGTERM/SIGINT (its own loop never looks at the signal)
    p.kill('SIGKILL');
  }
});

test('berth stats streams more containers than the client pools connections for', async () => {
  const names = Array.from({ length: 17 }, (_, i) => `many${i}`);
  for (const n of names) ok(['run', '-d', '--name', n, 'busybox', 'sleep', '300']);
  const p = spawn(join(ROOT, 'bin', 'berth'), ['stats', '--format', 'table {{.Name}}\t{{.PIDs}}'], { env: { ...process.env, BERTH_HOST: d.host } });
  let out = '';
  p.stdout.on('data', (c) => (out += c));
  const full = (frame: string) => names.every((n) => new RegExp(`^${n} +1 \\x1b\\[K$`, 'm').test(frame));
  try {
    for (let i = 0; i < 150 && !out.split('\x1b[H').some(full); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(out.split('\x1b[H').some(full), out.split('\x1b[H').pop());
  } finally {
    p.kill('SIGTERM');
    ok(['rm', '-f', ...names]);
  }
});
