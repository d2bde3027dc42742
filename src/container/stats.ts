// GET /containers/{id}/stats: Docker's StatsResponse from the container's
// cgroup files and its network namespace, sampled directly (no process per
// container). stream=true sends one frame a second with the previous sample
// as precpu_stats; stream=false primes precpu with a short first sample;
// stream=false&one-shot=true answers from a single sample at once.
import type { CgroupSample } from '../sys/cgroups';
import type { ProcReader } from '../sys/procfs';
import type { ContainerDeps } from './deps';
import { findContainer } from './resolve';
import { cgroupsPathOf } from './spec-input';
import type { ContainerRecord } from './types';

const ZERO_TIME = '0001-01-01T00:00:00Z';
/** Docker's collector interval. */
const STREAM_INTERVAL_MS = 1000;
/**
 * The gap between the two samples of stream=false. dockerd waits a whole
 * collector tick (1 s); a short window gives the same CPU % (a ratio of
 * deltas) and lets `stats --no-stream` answer at once.
 */
const PRIME_GAP_MS = 100;

export type StatsDeps = Pick<ContainerDeps, 'table' | 'cgroups' | 'settings'> & { proc: ProcReader };

interface CpuStats {
  cpu_usage: { total_usage: number; percpu_usage?: number[]; usage_in_kernelmode: number; usage_in_usermode: number };
  system_cpu_usage?: number;
  online_cpus?: number;
  throttling_data: { periods: number; throttled_periods: number; throttled_time: number };
}

export interface StatsFrame {
  read: string;
  preread: string;
  pids_stats: { current?: number; limit?: number };
  blkio_stats: Record<string, unknown>;
  num_procs: number;
  storage_stats: Record<string, never>;
  cpu_stats: CpuStats;
  precpu_stats: CpuStats;
  memory_stats: Record<string, unknown>;
  name: string;
  id: string;
  networks?: Record<string, unknown>;
}

const emptyCpu = (): CpuStats => ({
  cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
  throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
});

const emptyBlkio = () => ({
  io_service_bytes_recursive: null,
  io_serviced_recursive: null,
  io_queue_recursive: null,
  io_service_time_recursive: null,
  io_wait_time_recursive: null,
  io_merged_recursive: null,
  io_time_recursive: null,
  sectors_recursive: null,
});

/** Go's RFC3339Nano: fraction without trailing zeros. */
function rfc3339Nano(d: Date): string {
  return d.toISOString().replace(/\.?0+Z$/, 'Z');
}

/** What dockerd sends for a container that is not running: only name and id set. */
export function emptyFrame(rec: Pick<ContainerRecord, 'id' | 'name'>): StatsFrame {
  return {
    read: ZERO_TIME,
    preread: ZERO_TIME,
    pids_stats: {},
    blkio_stats: emptyBlkio(),
    num_procs: 0,
    storage_stats: {},
    cpu_stats: emptyCpu(),
    precpu_stats: emptyCpu(),
    memory_stats: {},
    name: `/${rec.name}`,
    id: rec.id,
  };
}

/** One reading of a running container; null when it is not running (or its cgroup is gone). */
export async function sampleContainer(deps: StatsDeps, rec: ContainerRecord): Promise<StatsFrame | null> {
  if (!rec.state.Running || !rec.state.Pid) return null;
  const ownNet = rec.hostConfig.NetworkMode !== 'host' && !rec.hostConfig.NetworkMode?.startsWith('container:');
  const [cg, system, nets] = await Promise.all([
    deps.cgroups.sample(cgroupsPathOf(rec, deps.settings)),
    deps.proc.systemCpuUsage(),
    ownNet ? deps.proc.netDev(rec.state.Pid) : Promise.resolve(null),
  ]);
  if (!cg) return null;
  const frame = emptyFrame(rec);
  frame.read = rfc3339Nano(new Date());
  frame.cpu_stats = cpuStats(cg, system, deps.proc.onlineCpus());
  frame.memory_stats = memoryStats(cg, deps.proc.machineMemory());
  frame.pids_stats = { current: cg.pids.current, ...(cg.pids.limit !== null ? { limit: cg.pids.limit } : {}) };
  frame.blkio_stats = { ...emptyBlkio(), io_service_bytes_recursive: cg.blkio, ...(cg.blkioServiced ? { io_serviced_recursive: cg.blkioServiced } : {}) };
  if (nets && Object.keys(nets).length) frame.networks = nets;
  return frame;
}

function cpuStats(cg: CgroupSample, system: number | null, online: number): CpuStats {
  const usage: CpuStats['cpu_usage'] = { total_usage: cg.cpu.total, usage_in_kernelmode: cg.cpu.kernel, usage_in_usermode: cg.cpu.user };
  if (cg.cpu.percpu?.length) usage.percpu_usage = cg.cpu.percpu;
  return {
    cpu_usage: usage,
    ...(system !== null ? { system_cpu_usage: system } : {}),
    online_cpus: online,
    throttling_data: cg.cpu.throttling,
  };
}

function memoryStats(cg: CgroupSample, machine: number): Record<string, unknown> {
  const m = cg.memory;
  let limit = m.limit ?? machine;
  if (machine > 0 && limit > machine) limit = machine;
  const out: Record<string, unknown> = { usage: m.usage };
  if (m.maxUsage) out.max_usage = m.maxUsage;
  out.stats = m.stats;
  if (m.failcnt) out.failcnt = m.failcnt;
  out.limit = limit;
  return out;
}

/** A tick's wait; its abort listener goes with it, so a stream that runs for hours holds one at a time. */
export const tick = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The frames of one stats request. The container is resolved first (a 404
 * before any byte is written); `signal` ends a stream when the client leaves.
 */
export function containerStats(
  deps: StatsDeps,
  ref: string,
  opts: { stream: boolean; oneShot: boolean; signal?: AbortSignal },
): AsyncIterable<StatsFrame> {
  const first = findContainer(deps.table, ref);
  return (async function* () {
    let pre: StatsFrame | null = null;
    const next = async (): Promise<StatsFrame> => {
      const rec = deps.table.get(first.id);
      if (!rec) return emptyFrame(first);
      const cur = (await sampleContainer(deps, rec)) ?? emptyFrame(rec);
      if (pre && cur.read !== ZERO_TIME && pre.read !== ZERO_TIME) {
        cur.precpu_stats = pre.cpu_stats;
        cur.preread = pre.read;
      }
      pre = cur;
      return cur;
    };
    if (!opts.stream) {
      if (!opts.oneShot && first.state.Running) {
        await next();
        await tick(PRIME_GAP_MS, opts.signal);
      }
      yield await next();
      return;
    }
    while (!opts.signal?.aborted) {
      yield await next();
      await tick(STREAM_INTERVAL_MS, opts.signal);
    }
  })();
}
