// --metrics-addr / "metrics-addr": GET /metrics in the Prometheus text format,
// read back with a real exposition-format parser (parse-prometheus-text-format).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, startTestDaemon, type Daemon } from './harness';
import { freePort, startRegistry, type RegistryServer } from './registry-server';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePrometheus = require('parse-prometheus-text-format') as (text: string) => Family[];

interface Sample {
  value?: string;
  labels?: Record<string, string>;
  buckets?: Record<string, string>;
  count?: string;
  sum?: string;
}
interface Family {
  name: string;
  help: string;
  type: string;
  metrics: Sample[];
}

let d: Daemon;
let port: number;
let reg: RegistryServer;
before(async () => {
  port = await freePort();
  reg = await startRegistry();
  d = await startTestDaemon({ images: ['busybox'], extraArgs: ['--metrics-addr', `127.0.0.1:${port}`] });
});
after(async () => {
  await d?.stop();
  await reg?.stop();
});

function ok(args: string[]): string {
  const r = d.berth(args);
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function get(p: number, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: p, path }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      })
      .on('error', reject);
  });
}

async function scrape(p = port): Promise<Map<string, Family>> {
  const r = await get(p, '/metrics');
  assert.equal(r.status, 200);
  assert.match(r.type, /^text\/plain; version=0\.0\.4/);
  return new Map(parsePrometheus(r.body).map((f) => [f.name, f]));
}

const value = (fams: Map<string, Family>, name: string, labels: Record<string, string> = {}): number => {
  const f = fams.get(name);
  assert.ok(f, `no ${name}`);
  const m = f.metrics.find((s) => Object.entries(labels).every(([k, v]) => s.labels?.[k] === v));
  return m ? Number(m.value ?? m.count) : 0;
};

test('containers by state, starts and start latency, API requests by route and status', async () => {
  const before_ = await scrape();
  assert.equal(before_.get('engine_daemon_container_states_containers')!.type, 'GAUGE');
  assert.equal(value(before_, 'engine_daemon_container_states_containers', { state: 'running' }), 0);
  const starts0 = value(before_, 'berth_container_starts_total');

  ok(['run', '-d', '--name', 'm1', 'busybox', 'sleep', '300']);
  ok(['run', '-d', '--name', 'm2', 'busybox', 'sleep', '300']);
  ok(['pause', 'm2']);
  ok(['create', '--name', 'm3', 'busybox', 'true']);
  await d.api('GET', '/v1.47/containers/m1/json');
  await d.api('GET', '/v1.47/containers/nope/json');
  d.docker(['ps']);

  const m = await scrape();
  assert.equal(value(m, 'engine_daemon_container_states_containers', { state: 'running' }), 1);
  assert.equal(value(m, 'engine_daemon_container_states_containers', { state: 'paused' }), 1);
  assert.equal(value(m, 'engine_daemon_container_states_containers', { state: 'stopped' }), 1);
  assert.equal(value(m, 'berth_container_starts_total') - starts0, 2);
  assert.equal(m.get('berth_container_starts_total')!.type, 'COUNTER');
  const hist = m.get('engine_daemon_container_actions_seconds')!;
  assert.equal(hist.type, 'HISTOGRAM');
  // (this parser drops the labels, _sum and _count of labelled histograms; the buckets it keeps)
  assert.equal(hist.metrics.length, 1);
  const start = hist.metrics[0];
  assert.equal(Number(start.buckets!['+Inf']), 2);
  assert.ok(Number(start.buckets!['10']) <= 2);
  assert.equal(value(m, 'berth_api_requests_total', { method: 'GET', route: '/containers/:id/json', status: '200' }), 1);
  assert.equal(value(m, 'berth_api_requests_total', { method: 'GET', route: '/containers/:id/json', status: '404' }), 1);
  assert.ok(value(m, 'berth_api_requests_total', { method: 'GET', route: '/containers/json', status: '200' }) >= 1);
  assert.ok(value(m, 'berth_api_requests_total', { method: 'POST', route: '/containers/:id/start', status: '204' }) >= 2);
  assert.equal(value(m, 'engine_daemon_engine_info', { graphdriver: 'overlay2', os: 'linux' }), 1);
  assert.ok(m.has('process_cpu_seconds_total'));
  // builds are counted by the builder; the family is there from the start
  assert.equal(m.get('berth_builds_total')!.type, 'COUNTER');
  assert.equal((await get(port, '/other')).status, 404);
  ok(['rm', '-f', 'm1', 'm2', 'm3']);
});

test('pulls are counted', async () => {
  const pulls0 = value(await scrape(), 'berth_image_pulls_total');
  ok(['tag', 'busybox', `${reg.host}/metrics/bb:1`]);
  ok(['push', `${reg.host}/metrics/bb:1`]);
  ok(['rmi', `${reg.host}/metrics/bb:1`]);
  ok(['pull', `${reg.host}/metrics/bb:1`]);
  assert.equal(d.docker(['pull', `${reg.host}/metrics/bb:1`]).code, 0);
  assert.equal(value(await scrape(), 'berth_image_pulls_total') - pulls0, 2);
});

test('metrics-addr in daemon.json; a bad address stops berthd with a clear error', async () => {
  const p2 = await freePort();
  const d2 = await startTestDaemon({ config: { 'metrics-addr': `127.0.0.1:${p2}` } });
  try {
    const m = await scrape(p2);
    assert.equal(value(m, 'engine_daemon_container_states_containers', { state: 'running' }), 0);
  } finally {
    await d2.stop();
  }
  // refused while reading the configuration, before berthd makes or takes anything
  const bad = spawnSync(join(ROOT, 'bin', 'berthd'), ['--metrics-addr', 'nonsense', '--data-root', '/nonexistent/berth-metrics-test', '--exec-root', '/nonexistent/berth-metrics-test', '-H', 'unix:///nonexistent/berth-metrics-test.sock', '--config-file', '/dev/null'], { encoding: 'utf8', timeout: 30_000 });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr + bad.stdout, /invalid metrics-addr "nonsense": give host:port/);
});
