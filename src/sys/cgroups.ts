// Reading a container's cgroup files, v1 (one hierarchy per controller
// under /sys/fs/cgroup/<controller>) and v2 (one unified tree). runc creates
// and removes the cgroups; berthd only reads them. Files are read directly and
// asynchronously (no process per container), so many containers sample in parallel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blkioV1, flatKeyed, ioStatV2, singleValue, spaceList, type BlkioEntry } from './cgroup-parse';

export { flatKeyed } from './cgroup-parse';

/** One reading of a cgroup, in the units dockerd reports (nanoseconds, bytes). */
export interface CgroupSample {
  cpu: {
    total: number;
    /** v1 only (cpuacct.usage_percpu); v2 has no per-CPU accounting. */
    percpu?: number[];
    user: number;
    kernel: number;
    throttling: { periods: number; throttled_periods: number; throttled_time: number };
  };
  memory: {
    usage: number;
    /** v1 only. */
    maxUsage?: number;
    failcnt?: number;
    /** null when unlimited. */
    limit: number | null;
    stats: Record<string, number>;
  };
  /** io_service_bytes_recursive entries. */
  blkio: BlkioEntry[];
  /** io_serviced_recursive entries (v1). */
  blkioServiced?: BlkioEntry[];
  pids: { current: number; limit: number | null };
}

export interface CgroupReader {
  readonly version: 1 | 2;
  /** How many times the kernel OOM-killed a process in this cgroup; null when it cannot tell. */
  oomKills(cgroupsPath: string): number | null;
  /** The cgroup's counters; null when it does not exist (the container is not running). */
  sample(cgroupsPath: string): Promise<CgroupSample | null>;
}

/**
 * cgroup files are small kernel-generated texts with no disk behind them: a
 * synchronous read costs microseconds, where an async one queues four
 * thread-pool hops (open, stat, read, close) behind every other container's.
 */
const readText = async (file: string): Promise<string | null> => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/** Unlimited v1 limits are a page-aligned "infinity" (9223372036854771712): anything that large means none. */
const V1_UNLIMITED = 2 ** 62;

function fromMap(m: Map<string, number>): Record<string, number> {
  return Object.fromEntries(m);
}

async function sampleV1(root: string, rel: string, clockTicks: number): Promise<CgroupSample | null> {
  const f = (ctl: string, file: string) => readText(join(root, ctl, rel, file));
  const [usage, maxUsage, failcnt, limit, memStat, cpuUsage, percpu, cpuacctStat, cpuStat, ioBytes, ioServiced, pidsCur, pidsMax] = await Promise.all([
    f('memory', 'memory.usage_in_bytes'),
    f('memory', 'memory.max_usage_in_bytes'),
    f('memory', 'memory.failcnt'),
    f('memory', 'memory.limit_in_bytes'),
    f('memory', 'memory.stat'),
    f('cpuacct', 'cpuacct.usage'),
    f('cpuacct', 'cpuacct.usage_percpu'),
    f('cpuacct', 'cpuacct.stat'),
    f('cpu', 'cpu.stat'),
    f('blkio', 'blkio.throttle.io_service_bytes_recursive'),
    f('blkio', 'blkio.throttle.io_serviced_recursive'),
    f('pids', 'pids.current'),
    f('pids', 'pids.max'),
  ]);
  if (usage === null && cpuUsage === null) return null;
  const acct = flatKeyed(cpuacctStat ?? '');
  const thr = flatKeyed(cpuStat ?? '');
  const lim = singleValue(limit);
  const tickNs = 1e9 / clockTicks;
  return {
    cpu: {
      total: singleValue(cpuUsage) ?? 0,
      percpu: spaceList(percpu),
      user: (acct.get('user') ?? 0) * tickNs,
      kernel: (acct.get('system') ?? 0) * tickNs,
      throttling: { periods: thr.get('nr_periods') ?? 0, throttled_periods: thr.get('nr_throttled') ?? 0, throttled_time: thr.get('throttled_time') ?? 0 },
    },
    memory: {
      usage: singleValue(usage) ?? 0,
      maxUsage: singleValue(maxUsage) ?? 0,
      failcnt: singleValue(failcnt) ?? 0,
      limit: lim !== null && lim < V1_UNLIMITED ? lim : null,
      stats: fromMap(flatKeyed(memStat ?? '')),
    },
    blkio: blkioV1(ioBytes),
    blkioServiced: blkioV1(ioServiced),
    pids: { current: singleValue(pidsCur) ?? 0, limit: singleValue(pidsMax) },
  };
}

async function sampleV2(root: string, rel: string): Promise<CgroupSample | null> {
  const f = (file: string) => readText(join(root, rel, file));
  const [current, max, memStat, cpuStat, ioStat, pidsCur, pidsMax] = await Promise.all([
    f('memory.current'),
    f('memory.max'),
    f('memory.stat'),
    f('cpu.stat'),
    f('io.stat'),
    f('pids.current'),
    f('pids.max'),
  ]);
  if (current === null && cpuStat === null) return null;
  const cpu = flatKeyed(cpuStat ?? '');
  return {
    cpu: {
      total: (cpu.get('usage_usec') ?? 0) * 1000,
      user: (cpu.get('user_usec') ?? 0) * 1000,
      kernel: (cpu.get('system_usec') ?? 0) * 1000,
      throttling: { periods: cpu.get('nr_periods') ?? 0, throttled_periods: cpu.get('nr_throttled') ?? 0, throttled_time: (cpu.get('throttled_usec') ?? 0) * 1000 },
    },
    memory: { usage: singleValue(current) ?? 0, limit: singleValue(max), stats: fromMap(flatKeyed(memStat ?? '')) },
    blkio: ioStatV2(ioStat),
    pids: { current: singleValue(pidsCur) ?? 0, limit: singleValue(pidsMax) },
  };
}

export function cgroupReader(version: 1 | 2, root = '/sys/fs/cgroup', clockTicks = 100): CgroupReader {
  const read = (file: string): string | null => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  };
  const relOf = (p: string) => p.replace(/^\/+/, '');
  return {
    version,
    oomKills(cgroupsPath) {
      const rel = relOf(cgroupsPath);
      // v1: oom_kill counts kills (kernel 4.13+); v2: memory.events' oom_kill.
      const text = version === 2 ? read(join(root, rel, 'memory.events')) : read(join(root, 'memory', rel, 'memory.oom_control'));
      if (text === null) return null;
      return flatKeyed(text).get('oom_kill') ?? null;
    },
    sample(cgroupsPath) {
      const rel = relOf(cgroupsPath);
      return version === 2 ? sampleV2(root, rel) : sampleV1(root, rel, clockTicks);
    },
  };
}
