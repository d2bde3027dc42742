// Sizes and durations as compose files write them: "512m", "1.5g", "1024"
// (bytes, units b k m g t case-insensitive, an optional trailing b) and Go
// durations ("1m30s").

export function parseBytes(v: string | number, where: string): number {
  if (typeof v === 'number') return v;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?)b?\s*$/i.exec(v);
  if (!m) throw new Error(`${where}: invalid size: '${v}'`);
  const pow = ' kmgtp'.indexOf(m[2].toLowerCase() || ' ');
  return Math.round(Number(m[1]) * 1024 ** pow);
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds from a Go duration ("1m30s", "10s", "500ms"); a bare number is seconds. */
export function parseDurationSeconds(v: string | number, where: string): number {
  if (typeof v === 'number') return v;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(v))) {
    total += Number(m[1]) * DURATION_UNITS[m[2]];
    pos = re.lastIndex;
  }
  if (pos !== v.length || !v) throw new Error(`${where}: invalid duration: '${v}'`);
  return total;
}
