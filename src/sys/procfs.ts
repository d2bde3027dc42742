// Host-wide counters from /proc that container stats are measured against,
// and a process's view of its network namespace (/proc/<pid>/net/dev).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
      const text = await readFile(join(root, 'stat'), 'utf8').catch(() => null);
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
      const text = await readFile(join(root, String(pid), 'net', 'dev'), 'utf8').catch(() => null);
      return text === null ? null : netDev(text);
    },
  };
}
