// Docker's filter arguments as the image verbs read them (api/types/filters).
import { invalidArgument } from '../errdefs';

export type Filters = Map<string, string[]>;

/** Rejects keys this verb does not know, with dockerd's message. */
export function validateFilters(f: Filters, allowed: string[]): void {
  for (const k of f.keys()) if (!allowed.includes(k)) throw invalidArgument(`invalid filter '${k}'`);
}

/** A boolean filter such as dangling=true; `dflt` when absent. */
export function boolFilter(f: Filters, key: string, dflt: boolean): boolean {
  const vals = f.get(key);
  if (!vals || vals.length === 0) return dflt;
  const parsed = new Set(
    vals.map((v) => {
      const l = v.toLowerCase();
      if (l === 'true' || l === '1') return true;
      if (l === 'false' || l === '0') return false;
      throw invalidArgument(`invalid filter '${key}=${v}'`);
    }),
  );
  if (parsed.size > 1) throw invalidArgument(`invalid filter '${key}=${vals.join(',')}'`);
  return [...parsed][0];
}

/** MatchKVList: every value ("k" or "k=v") must hold for `labels`. True if the key is absent. */
export function matchLabels(f: Filters, key: string, labels: Record<string, string> | undefined): boolean {
  const vals = f.get(key);
  if (!vals || vals.length === 0) return true;
  const l = labels ?? {};
  return vals.every((v) => {
    const eq = v.indexOf('=');
    if (eq < 0) return Object.prototype.hasOwnProperty.call(l, v);
    const k = v.slice(0, eq);
    return Object.prototype.hasOwnProperty.call(l, k) && l[k] === v.slice(eq + 1);
  });
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A point in time as Docker's `until`/`since` accept it: unix seconds
 * (fractions allowed), an RFC 3339 date or date-time, or a Go duration
 * ("10m", "1h30m") meaning that long before `now`. Returns epoch milliseconds.
 */
export function parseTimestamp(value: string, now: Date): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const dur = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(value);
  if (dur) {
    let ms = 0;
    for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(m[1]) * UNITS[m[2]];
    return now.getTime() - ms;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw invalidArgument(`failed to parse value as time or duration: "${value}"`);
  return t;
}
