// Parsers for cgroup v1 and v2 file formats. Pure functions, unit-tested with
// fixture text; the readers in cgroups.ts feed them file contents.

/** The `key value` lines of memory.stat, cpu.stat, memory.events, memory.oom_control. */
export function flatKeyed(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined && /^\d+$/.test(v)) out.set(k, Number(v));
  }
  return out;
}

/** A single number file ("123\n"); "max" (v2's unlimited) and garbage give null. */
export function singleValue(text: string | null): number | null {
  if (text === null) return null;
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** cpuacct.usage_percpu: space-separated nanoseconds per CPU. */
export function spaceList(text: string | null): number[] {
  if (text === null) return [];
  return text
    .trim()
    .split(/\s+/)
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
}

export interface BlkioEntry {
  major: number;
  minor: number;
  op: string;
  value: number;
}

/** v1 blkio.throttle.io_service_bytes(_recursive): "8:0 Read 4096" lines; the trailing "Total N" is dropped. */
export function blkioV1(text: string | null): BlkioEntry[] {
  if (text === null) return [];
  const out: BlkioEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+):(\d+)\s+(\S+)\s+(\d+)$/.exec(line.trim());
    if (m) out.push({ major: Number(m[1]), minor: Number(m[2]), op: m[3], value: Number(m[4]) });
  }
  return out;
}

/**
 * v2 io.stat: "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0" lines, as
 * the bytes entries dockerd reports for v2 (ops "read" and "write").
 */
export function ioStatV2(text: string | null): BlkioEntry[] {
  if (text === null) return [];
  const out: BlkioEntry[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    const dev = /^(\d+):(\d+)$/.exec(parts[0] ?? '');
    if (!dev) continue;
    const kv = new Map(parts.slice(1).map((p) => p.split('=') as [string, string]));
    for (const [key, op] of [
      ['rbytes', 'read'],
      ['wbytes', 'write'],
    ]) {
      const v = kv.get(key);
      if (v !== undefined && /^\d+$/.test(v)) out.push({ major: Number(dev[1]), minor: Number(dev[2]), op, value: Number(v) });
    }
  }
  return out;
}

export interface NetDevCounters {
  rx_bytes: number;
  rx_packets: number;
  rx_errors: number;
  rx_dropped: number;
  tx_bytes: number;
  tx_packets: number;
  tx_errors: number;
  tx_dropped: number;
}

/** /proc/<pid>/net/dev: counters per interface, loopback left out (dockerd reports the container's endpoints). */
export function netDev(text: string): Record<string, NetDevCounters> {
  const out: Record<string, NetDevCounters> = {};
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (!name || name === 'lo') continue;
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (f.length < 16) continue;
    out[name] = { rx_bytes: f[0], rx_packets: f[1], rx_errors: f[2], rx_dropped: f[3], tx_bytes: f[8], tx_packets: f[9], tx_errors: f[10], tx_dropped: f[11] };
  }
  return out;
}

/**
 * /proc/stat's aggregate "cpu" line as nanoseconds, the way dockerd's
 * getSystemCPUUsage adds user, nice, system, idle, iowait, irq and softirq.
 */
export function systemCpuNanos(procStat: string, clockTicks = 100): number | null {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const f = line.trim().split(/\s+/).slice(1, 8).map(Number);
  if (f.length < 7 || f.some((n) => !Number.isFinite(n))) return null;
  const ticks = f.reduce((a, b) => a + b, 0);
  return Math.round((ticks * 1e9) / clockTicks);
}

/** MemTotal of /proc/meminfo in bytes. */
export function memTotal(meminfo: string): number | null {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(meminfo);
  return m ? Number(m[1]) * 1024 : null;
}
