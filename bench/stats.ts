// Small numeric helpers for the benchmark report.
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

/** Milliseconds taken by fn (sync or async). */
export async function timeMs(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** A `Field:  N kB` line of each process's /proc file, summed, in KiB (gone ones count 0). */
function sumKiB(pids: number[], file: string, field: RegExp): number {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  let total = 0;
  for (const pid of pids) {
    try {
      const m = field.exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return total;
}

/**
 * Proportional set size of the given processes, in KiB: each shared page
 * (a library's code mapped by a hundred monitors) counted once in all, split
 * among the processes that map it, where RSS counts it in every one of them.
 */
export function pssKiB(pids: number[]): number {
  return sumKiB(pids, 'smaps_rollup', /^Pss:\s+(\d+)\s+kB/m);
}

/** Resident memory of the given processes, in KiB (gone ones count 0). */
export function rssKiB(pids: number[]): number {
  return sumKiB(pids, 'status', /VmRSS:\s+(\d+)\s+kB/);
}
