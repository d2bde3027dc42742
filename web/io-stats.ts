// Network and block I/O from a stats sample (what `docker stats` shows as
// NET I/O and BLOCK I/O), and the rates between two samples for the charts.
import type { Stats } from './format';

export interface IoStats extends Stats {
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op: string; value: number }[] | null };
}

export interface IoTotals {
  rx: number;
  tx: number;
  read: number;
  write: number;
}

/** Bytes received and sent over all the container's interfaces, read and written on all its block devices. */
export function ioTotals(s: IoStats): IoTotals {
  const t = { rx: 0, tx: 0, read: 0, write: 0 };
  for (const n of Object.values(s.networks ?? {})) (t.rx += n.rx_bytes ?? 0), (t.tx += n.tx_bytes ?? 0);
  // cgroup v1 says "Read"/"Write", v2 (through berthd and dockerd) "read"/"write"
  for (const e of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    if (/^read$/i.test(e.op)) t.read += e.value;
    else if (/^write$/i.test(e.op)) t.write += e.value;
  }
  return t;
}

/** Bytes per second between two totals `seconds` apart; a counter that went back (a restart) counts from 0. */
export function ioRates(prev: IoTotals, cur: IoTotals, seconds: number): IoTotals {
  const r = (k: keyof IoTotals) => (seconds > 0 ? Math.max(0, cur[k] - (cur[k] >= prev[k] ? prev[k] : 0)) / seconds : 0);
  return { rx: r('rx'), tx: r('tx'), read: r('read'), write: r('write') };
}
