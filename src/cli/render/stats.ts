// `berth stats` rows: docker/cli's StatsEntry and its formatter context
// (cli/command/container/stats_helpers.go, formatter_stats.go), with docker's
// CPU % and memory formulas.
import type { ContainerStatsResponse } from '../../api/types';
import { bytesSize, humanSize, truncateID } from '../format/humanize';

export const STATS_DEFAULT_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';

export const STATS_HEADERS: Record<string, string> = {
  Container: 'CONTAINER',
  ID: 'CONTAINER ID',
  Name: 'NAME',
  CPUPerc: 'CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET I/O',
  BlockIO: 'BLOCK I/O',
  PIDs: 'PIDS',
};

export interface StatsEntry {
  container: string;
  name: string;
  id: string;
  cpuPercentage: number;
  memory: number;
  memoryLimit: number;
  memoryPercentage: number;
  networkRx: number;
  networkTx: number;
  blockRead: number;
  blockWrite: number;
  pidsCurrent: number;
  /** Set when the stats could not be read: every value column shows "--". */
  invalid: boolean;
}

export function emptyEntry(container: string): StatsEntry {
  return { container, name: '', id: '', cpuPercentage: 0, memory: 0, memoryLimit: 0, memoryPercentage: 0, networkRx: 0, networkTx: 0, blockRead: 0, blockWrite: 0, pidsCurrent: 0, invalid: false };
}

/** calculateCPUPercentUnix: the container's share of host CPU time between two readings, times the CPUs. */
export function cpuPercent(v: ContainerStatsResponse): number {
  const cpuDelta = (v.cpu_stats?.cpu_usage?.total_usage ?? 0) - (v.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (v.cpu_stats?.system_cpu_usage ?? 0) - (v.precpu_stats?.system_cpu_usage ?? 0);
  let online = v.cpu_stats?.online_cpus ?? 0;
  if (online === 0) online = v.cpu_stats?.cpu_usage?.percpu_usage?.length ?? 0;
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * online * 100 : 0;
}

/** calculateMemUsageUnixNoCache: usage less inactive file pages (total_inactive_file on v1, inactive_file on v2). */
export function memUsageNoCache(mem: ContainerStatsResponse['memory_stats']): number {
  const usage = mem?.usage ?? 0;
  const stats = mem?.stats ?? {};
  if ('total_inactive_file' in stats && stats.total_inactive_file < usage) return usage - stats.total_inactive_file;
  const inactive = stats.inactive_file ?? 0;
  if (inactive < usage) return usage - inactive;
  return usage;
}

export function entryFromStats(container: string, v: ContainerStatsResponse): StatsEntry {
  let blockRead = 0;
  let blockWrite = 0;
  for (const e of v.blkio_stats?.io_service_bytes_recursive ?? []) {
    const c = (e.op ?? '')[0];
    if (c === 'r' || c === 'R') blockRead += e.value;
    else if (c === 'w' || c === 'W') blockWrite += e.value;
  }
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(v.networks ?? {})) {
    rx += n.rx_bytes;
    tx += n.tx_bytes;
  }
  const memory = memUsageNoCache(v.memory_stats);
  const limit = v.memory_stats?.limit ?? 0;
  return {
    container,
    name: v.name,
    id: v.id,
    cpuPercentage: cpuPercent(v),
    memory,
    memoryLimit: limit,
    memoryPercentage: limit !== 0 ? (memory / limit) * 100 : 0,
    networkRx: rx,
    networkTx: tx,
    blockRead,
    blockWrite,
    pidsCurrent: v.pids_stats?.current ?? 0,
    invalid: false,
  };
}

/** The value a --format template sees for one row (docker's statsContext). */
export class StatsContext {
  constructor(
    private readonly s: StatsEntry,
    private readonly trunc: boolean,
  ) {}

  get Container(): string {
    return this.s.container;
  }

  get Name(): string {
    return this.s.name.length > 1 ? this.s.name.slice(1) : '--';
  }

  get ID(): string {
    return this.trunc ? truncateID(this.s.id) : this.s.id;
  }

  get CPUPerc(): string {
    return this.s.invalid ? '--' : `${this.s.cpuPercentage.toFixed(2)}%`;
  }

  get MemUsage(): string {
    return this.s.invalid ? '-- / --' : `${bytesSize(this.s.memory)} / ${bytesSize(this.s.memoryLimit)}`;
  }

  get MemPerc(): string {
    return this.s.invalid ? '--' : `${this.s.memoryPercentage.toFixed(2)}%`;
  }

  get NetIO(): string {
    return this.s.invalid ? '--' : `${humanSize(this.s.networkRx, 3)} / ${humanSize(this.s.networkTx, 3)}`;
  }

  get BlockIO(): string {
    return this.s.invalid ? '--' : `${humanSize(this.s.blockRead, 3)} / ${humanSize(this.s.blockWrite, 3)}`;
  }

  get PIDs(): string {
    return this.s.invalid ? '--' : String(this.s.pidsCurrent);
  }
}
