// --since/--until values (docker's api/types/time.GetTimestamp): a Go
// duration relative to now ("10m", "1h30m"), an RFC 3339 date or date-time
// (local time when no zone is given), or a Unix timestamp passed through.
import { parseGoDuration } from './goparse';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Returns the value to send: "<unix seconds>" or "<seconds>.<nanoseconds>". */
export function getTimestamp(value: string, nowMs: number = Date.now()): string {
  if (value !== '0') {
    try {
      const d = parseGoDuration(value);
      return String(Math.floor((nowMs - d) / 1000));
    } catch {
      // not a duration
    }
  }
  const hasZone = /[zZ+]/.test(value) || (value.match(/-/g) ?? []).length === 3;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(\.\d+)?)?)?)?(Z|z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
    let ms: number;
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      const off = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
      ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - off * 60_000;
    } else if (zone || hasZone) {
      ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
    } else {
      ms = new Date(+y, +mo - 1, +d, +h, +mi, +s).getTime();
    }
    if (Number.isNaN(ms)) throw new Error(`parsing time ${JSON.stringify(value)}: month out of range`);
    const nanos = frac ? Number((frac.slice(1) + '000000000').slice(0, 9)) : 0;
    return `${Math.floor(ms / 1000)}.${pad(nanos, 9)}`;
  }
  if (value.includes('-')) throw new Error(`parsing time ${JSON.stringify(value)}: cannot parse ${JSON.stringify(value)} as a date`);
  // a Unix timestamp, optionally with a fractional part: passed through
  if (/^\d+(\.\d{1,9})?$/.test(value)) return value;
  throw new Error(`failed to parse value as time or duration: ${JSON.stringify(value)}`);
}
