// --filter key=value (repeatable) -> the API's filters map (docker opts.FilterOpt).

export type Filters = Map<string, string[]>;

/** Parse one --filter value, adding it to `into`; errors as docker's flag does. */
export function addFilter(into: Filters, value: string): Filters {
  if (value.length === 0) return into;
  const v = value;
  const eq = v.indexOf('=');
  if (eq < 0) throw new Error('bad format of filter (expected name=value)');
  const name = v.slice(0, eq).trim().toLowerCase();
  const val = v.slice(eq + 1).trim();
  const list = into.get(name) ?? [];
  if (!list.includes(val)) list.push(val);
  into.set(name, list);
  return into;
}

export function parseFilters(values: string[]): Filters {
  const f: Filters = new Map();
  for (const v of values) addFilter(f, v);
  return f;
}

/** {"key": {"value": true}} as the API wants it. */
export function filtersToJSON(f: Filters): Record<string, Record<string, boolean>> {
  const out: Record<string, Record<string, boolean>> = {};
  for (const [k, vals] of [...f.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out[k] = {};
    for (const v of vals) out[k][v] = true;
  }
  return out;
}
