// Query-string and path helpers, in the docker client's conventions.
import type { FiltersArgs } from '../api/types';

export type QueryValue = string | number | boolean | undefined | null | string[];
export type Query = Record<string, QueryValue>;

/**
 * Build "?a=1&b=x": `true` becomes "1", `false`/undefined/null are left out
 * (pass "0" explicitly when the daemon's default is true), arrays repeat the key.
 * Keys are sorted, as Go's url.Values.Encode does.
 */
export function encodeQuery(q: Query | undefined): string {
  if (!q) return '';
  const parts: string[] = [];
  for (const key of Object.keys(q).sort()) {
    const v = q[key];
    if (v === undefined || v === null || v === false) continue;
    const values = Array.isArray(v) ? v : [v === true ? '1' : String(v)];
    for (const one of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(one).replace(/%20/g, '+')}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Escape a path segment but keep '/', ':' and '@' readable (image references). */
export function pathSegment(s: string): string {
  return encodeURIComponent(s).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

/** Filters map -> the JSON the `filters` parameter carries, or undefined when empty. */
export function encodeFilters(f: FiltersArgs | Map<string, string[]> | undefined): string | undefined {
  if (!f) return undefined;
  const obj: FiltersArgs = {};
  const entries: [string, string[] | Record<string, boolean>][] = f instanceof Map ? [...f.entries()] : Object.entries(f);
  for (const [k, vals] of entries) {
    const inner: Record<string, boolean> = {};
    for (const v of Array.isArray(vals) ? vals : Object.keys(vals)) inner[v] = true;
    obj[k] = inner;
  }
  return Object.keys(obj).length ? sortedJSON(obj) : undefined;
}

/** JSON with object keys sorted (Go marshals maps in key order; handy for stable queries). */
function sortedJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJSON).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJSON(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
