// Healthchecks: a timer per running container that has one, running the
// probe through the exec machinery (conmon exec), keeping the last five
// results in State.Health and logging `health_status: …` when the status
// changes. dockerd's daemon/health.go is the model: the first probe comes one
// interval after the start, failures inside the start period do not count
// while the container is still starting, and `Retries` failures in a row
// make it unhealthy.
import type { ContainerDeps } from './deps';
import { emitContainer } from './events';
import { runProbe, type ProbeRun } from './exec';
import type { ContainerRecord } from './types';

const SECOND = 1_000_000_000;
export const HEALTH_DEFAULTS = { interval: 30 * SECOND, timeout: 30 * SECOND, startPeriod: 0, startInterval: 5 * SECOND, retries: 3 };
const MAX_LOG_ENTRIES = 5;

export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

export interface HealthResult {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

export interface HealthState {
  Status: HealthStatus | string;
  FailingStreak: number;
  Log: HealthResult[];
}

type Healthcheck = NonNullable<ContainerRecord['config']['Healthcheck']>;

/** The argv a healthcheck runs, or null when there is none (no Test, NONE). CMD-SHELL goes through the container's shell. */
export function probeCommand(hc: Healthcheck | undefined | null, shell?: string[] | null): string[] | null {
  const test = hc?.Test;
  if (!test?.length) return null;
  switch (test[0]) {
    case 'CMD':
      return test.length > 1 ? test.slice(1) : null;
    case 'CMD-SHELL':
      return [...(shell?.length ? shell : ['/bin/sh', '-c']), test.slice(1).join(' ')];
    case 'NONE':
      return null;
    default:
      return null;
  }
}

const orDefault = (v: number | undefined, d: number): number => (v && v > 0 ? v : d);

export function healthTimings(hc: Healthcheck): { interval: number; timeout: number; startPeriod: number; startInterval: number; retries: number } {
  return {
    interval: orDefault(hc.Interval, HEALTH_DEFAULTS.interval),
    timeout: orDefault(hc.Timeout, HEALTH_DEFAULTS.timeout),
    startPeriod: orDefault(hc.StartPeriod, HEALTH_DEFAULTS.startPeriod),
    startInterval: orDefault(hc.StartInterval, HEALTH_DEFAULTS.startInterval),
    retries: orDefault(hc.Retries, HEALTH_DEFAULTS.retries),
  };
}

/** dockerd's handleProbeResult: the new health state after one probe. Pure. */
export function applyProbeResult(prev: HealthState, result: HealthResult, hc: Healthcheck, startedAt: string): HealthState {
  const t = healthTimings(hc);
  const next: HealthState = { Status: prev.Status, FailingStreak: prev.FailingStreak, Log: [...(prev.Log ?? []), result].slice(-MAX_LOG_ENTRIES) };
  if (result.ExitCode === 0) {
    next.FailingStreak = 0;
    next.Status = 'healthy';
    return next;
  }
  // still starting and inside the start period: the failure does not count
  const sinceStartNs = (Date.parse(result.Start) - Date.parse(startedAt)) * 1e6;
  if (prev.Status === 'starting' && sinceStartNs < t.startPeriod) return next;
  next.FailingStreak += 1;
  if (next.FailingStreak >= t.retries) next.Status = 'unhealthy';
  return next;
}

/** The delay before the next probe: the start interval while starting inside the start period. */
export function nextDelayMs(hc: Healthcheck, status: string, startedAt: string, now = Date.now()): number {
  const t = healthTimings(hc);
  const sinceStartNs = (now - Date.parse(startedAt)) * 1e6;
  const ns = sinceStartNs < t.startPeriod && status === 'starting' ? t.startInterval : t.interval;
  return Math.max(1, Math.round(ns / 1e6));
}

/** Go's RFC3339Nano for a Date. */
const rfc3339Nano = (d: Date): string => d.toISOString().replace(/\.?0+Z$/, 'Z');

export interface HealthMonitor {
  /** Begin (or resume, after a berthd restart) probing a running container; a no-op without a healthcheck. */
  watch(id: string): void;
  /** Stop probing (the container stopped or is going away). */
  unwatch(id: string): void;
  /** Stop everything (daemon shutdown); containers keep their recorded state. */
  close(): void;
}

type ProbeFn = (deps: ContainerDeps, id: string, cmd: string[], timeoutMs: number) => Promise<ProbeRun & { timedOut: boolean }>;

export function healthMonitor(deps: ContainerDeps, probe: ProbeFn = runProbe): HealthMonitor {
  const timers = new Map<string, NodeJS.Timeout>();
  let closed = false;

  const schedule = (id: string, delayMs: number): void => {
    const old = timers.get(id);
    if (old) clearTimeout(old);
    timers.set(id, setTimeout(() => void tick(id), delayMs).unref());
  };

  const tick = async (id: string): Promise<void> => {
    const rec = deps.table.get(id);
    const hc = rec?.config.Healthcheck;
    const cmd = probeCommand(hc, rec?.config.Shell);
    if (!rec || !hc || !cmd || !rec.state.Running || closed) return void timers.delete(id);
    const status = rec.state.Health?.Status ?? 'starting';
    if (rec.state.Paused) return schedule(id, nextDelayMs(hc, status, rec.state.StartedAt));
    const t = healthTimings(hc);
    const start = new Date();
    let result: HealthResult;
    try {
      const r = await probe(deps, id, cmd, t.timeout / 1e6);
      result = r.timedOut
        ? { Start: rfc3339Nano(start), End: rfc3339Nano(new Date()), ExitCode: -1, Output: `Health check exceeded timeout (${goDuration(t.timeout)})` }
        : { Start: rfc3339Nano(start), End: rfc3339Nano(new Date()), ExitCode: r.exitCode, Output: r.output };
    } catch (err) {
      result = { Start: rfc3339Nano(start), End: rfc3339Nano(new Date()), ExitCode: -1, Output: (err as Error).message };
    }
    if (!timers.has(id) || closed) return;
    let changed: string | undefined;
    let still = false;
    deps.table.mutate(id, (r) => {
      if (!r.state.Running || r.state.StartedAt !== rec.state.StartedAt) return;
      still = true;
      const prev: HealthState = (r.state.Health as HealthState | undefined) ?? { Status: 'starting', FailingStreak: 0, Log: [] };
      const next = applyProbeResult(prev, result, hc, r.state.StartedAt);
      if (next.Status !== prev.Status) changed = next.Status;
      r.state.Health = next;
    });
    if (changed) {
      const cur = deps.table.get(id);
      if (cur) emitContainer(deps, cur, `health_status: ${changed}`);
    }
    const cur = deps.table.get(id);
    if (still && cur && timers.has(id)) schedule(id, nextDelayMs(hc, cur.state.Health?.Status ?? 'starting', cur.state.StartedAt));
    else timers.delete(id);
  };

  return {
    watch(id) {
      if (closed) return;
      const rec = deps.table.get(id);
      const hc = rec?.config.Healthcheck;
      if (!rec || !rec.state.Running || !probeCommand(hc, rec.config.Shell)) return;
      schedule(id, nextDelayMs(hc!, rec.state.Health?.Status ?? 'starting', rec.state.StartedAt));
    },
    unwatch(id) {
      const t = timers.get(id);
      if (t) clearTimeout(t);
      timers.delete(id);
    },
    close() {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}

/** Go's time.Duration.String() for whole and fractional seconds ("30s", "1.5s", "500ms", "1m0s"). */
export function goDuration(ns: number): string {
  if (ns < SECOND) {
    if (ns >= 1e6) return `${+(ns / 1e6).toFixed(6)}ms`;
    if (ns >= 1e3) return `${+(ns / 1e3).toFixed(3)}µs`;
    return `${ns}ns`;
  }
  let s = ns / SECOND;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const sec = `${+s.toFixed(9)}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}

/** The health state a (re)started container begins with: starting, its old log kept. */
export function initialHealth(rec: ContainerRecord): HealthState | undefined {
  if (!probeCommand(rec.config.Healthcheck, rec.config.Shell)) return undefined;
  const old = rec.state.Health as HealthState | undefined;
  return { Status: 'starting', FailingStreak: 0, Log: old?.Log ?? [] };
}
