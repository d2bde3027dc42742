// GET /metrics in the Prometheus text format (prom-client), served on
// --metrics-addr / "metrics-addr" like dockerd's. Names follow dockerd's
// engine_daemon_* where it has one; the rest are berth_*.
import http from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventSource } from '../events/bus';

export interface Metrics {
  readonly registry: Registry;
  /** A container start finished (API start or restart policy) after `seconds`. */
  containerStarted(seconds: number): void;
  /** One API request answered. `route` is the route pattern (e.g. /containers/:id/json), '' when none matched. */
  apiRequest(method: string, route: string, status: number): void;
  /** For the builder: count a build when it ends. */
  readonly builds: Counter<'status'>;
}

export interface MetricsSources {
  /** Container counts by state for the gauge, read at scrape time. */
  containerStates(): { running: number; paused: number; stopped: number };
  events: EventSource;
  info: { version: string; kernel: string; os: string; architecture: string; graphdriver: string };
}

export function createMetrics(src: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'engine_daemon_container_states_containers',
    help: 'The count of containers in various states',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const s = src.containerStates();
      for (const [state, n] of Object.entries(s)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'engine_daemon_engine_info',
    help: 'The information related to the engine and the OS it is running on',
    labelNames: ['version', 'kernel', 'os', 'architecture', 'graphdriver'],
    registers: [registry],
  }).set(src.info, 1);
  const startSeconds = new Histogram({
    name: 'engine_daemon_container_actions_seconds',
    help: 'The number of seconds it takes to process each container action',
    labelNames: ['action'],
    registers: [registry],
  });
  const starts = new Counter({ name: 'berth_container_starts_total', help: 'Containers started (by the API or a restart policy)', registers: [registry] });
  const pulls = new Counter({ name: 'berth_image_pulls_total', help: 'Images pulled', registers: [registry] });
  const builds = new Counter({ name: 'berth_builds_total', help: 'Image builds, by outcome', labelNames: ['status'], registers: [registry] });
  const requests = new Counter({
    name: 'berth_api_requests_total',
    help: 'Engine API requests answered, by route and HTTP status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  // pulls are counted where they are announced, so every pull path counts
  src.events.subscribe((ev) => {
    if (ev.Type === 'image' && ev.Action === 'pull') pulls.inc();
  });
  return {
    registry,
    builds,
    containerStarted(seconds) {
      starts.inc();
      startSeconds.observe({ action: 'start' }, seconds);
    },
    apiRequest(method, route, status) {
      requests.inc({ method, route: route || 'none', status: String(status) });
    },
  };
}

/** Serves GET /metrics on host:port; resolves once listening. */
export async function serveMetrics(metrics: Metrics, addr: string, log: (level: 'warn' | 'info', msg: string) => void): Promise<http.Server> {
  const colon = addr.lastIndexOf(':');
  const host = addr.slice(0, colon).replace(/^\[|\]$/g, '') || '0.0.0.0';
  const port = Number(addr.slice(colon + 1));
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('404 page not found\n');
      return;
    }
    metrics.registry
      .metrics()
      .then((text) => {
        res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
        res.end(text);
      })
      .catch((err) => {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`${(err as Error).message}\n`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  log('info', `metrics on http://${addr}/metrics`);
  return server;
}
