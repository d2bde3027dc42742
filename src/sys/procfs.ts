// Host-wide counters from /proc that container stats are measured against,
// and a process's view of its network namespace (/proc/<pid>/net/dev).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { memTotal, netDev, systemCpuNanos, type NetDevCounters } from './cgroup-parse';

export interface ProcReader {
  /** Host CPU time in nanoseconds (dockerd's system_cpu_usage). */
  systemCpuUsage(): Promise<number | null>;
  onlineCpus(): number;
  /** Physical memory, the limit shown for containers without one. */
  machineMemory(): number;
  /** Interfaces of the network namespace `pid` lives in, loopback excluded; null when the process is gone. */
  netDev(pid: number): Promise<Record<string, NetDevCounters> | null>;
}

export function procReader(root = '/proc', clockTicks = 100): ProcReader {
  let mem: number | undefined;
  return {
    async systemCpuUsage() {
      const text = readSmall(join(root, 'stat'));
      return text === null ? null : systemCpuNanos(text, clockTicks);
    },
    onlineCpus: () => cpus().length,
    machineMemory() {
      if (mem === undefined) {
        try {
          mem = memTotal(readFileSync(join(root, 'meminfo'), 'utf8')) ?? 0;
        } catch {
          mem = 0;
        }
      }
      return mem;
    },
    async netDev(pid) {
      const text = readSmall(join(root, String(pid), 'net', 'dev'));
      return text === null ? null : netDev(text);
    },
  };
}

/** procfs texts are generated on read, with no disk behind them: read synchronously (see sys/cgroups.ts). */
function readSmall(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
