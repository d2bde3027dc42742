// Which events a `filters` query selects: dockerd's daemon/events/filter.go.
// Every key present must match (AND); values of one key are alternatives (OR).
import type { BerthEvent } from './bus';

export type EventFilters = Map<string, string[]>;

/** The keys dockerd accepts on /events; anything else is "invalid filter". */
export const EVENT_FILTER_KEYS = ['config', 'container', 'daemon', 'event', 'image', 'label', 'network', 'node', 'plugin', 'scope', 'secret', 'service', 'type', 'volume'];

export const EVENT_TYPES = ['builder', 'config', 'container', 'daemon', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'volume'];

/** Returns the first bad key or value as Docker words it, or null. */
export function validateEventFilters(f: EventFilters): string | null {
  for (const [k, vals] of f) {
    if (!EVENT_FILTER_KEYS.includes(k)) return `invalid filter '${k}'`;
    if (k === 'type') for (const v of vals) if (!EVENT_TYPES.includes(v)) return `invalid filter 'type=${v}'`;
    if (k === 'scope') for (const v of vals) if (v !== 'local' && v !== 'swarm') return `invalid filter 'scope=${v}'`;
  }
  return null;
}

function exact(f: EventFilters, key: string, source: string): boolean {
  const vals = f.get(key);
  return !vals || vals.length === 0 || vals.includes(source);
}

/** filters.Args.FuzzyMatch: an exact value, or a value that is a prefix of source. */
function fuzzy(f: EventFilters, key: string, source: string): boolean {
  const vals = f.get(key);
  if (!vals || vals.length === 0) return true;
  return vals.some((v) => source === v || source.startsWith(v));
}

function fuzzyName(f: EventFilters, key: string, ev: BerthEvent): boolean {
  return fuzzy(f, key, ev.Actor.ID) || fuzzy(f, key, ev.Actor.Attributes.name ?? '');
}

function stripTag(ref: string): string {
  const at = ref.indexOf('@');
  if (at >= 0) return ref.slice(0, at);
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
}

function matchEvent(f: EventFilters, ev: BerthEvent): boolean {
  const vals = f.get('event');
  if (!vals || vals.length === 0) return true;
  // dockerd #25798: "exec_start" selects "exec_start: sh -c …", and the same for health_status.
  if (vals.some((v) => v === 'health_status' || v === 'exec_create' || v === 'exec_start')) return fuzzy(f, 'event', ev.Action);
  return vals.includes(ev.Action);
}

function matchImage(f: EventFilters, ev: BerthEvent): boolean {
  const name = ev.Actor.Attributes[ev.Type === 'image' ? 'name' : 'image'] ?? '';
  return exact(f, 'image', ev.Actor.ID) || exact(f, 'image', name) || exact(f, 'image', stripTag(ev.Actor.ID)) || exact(f, 'image', stripTag(name));
}

/** filters.Args.MatchKVList: "key" needs the attribute, "key=value" needs that value. */
function matchLabels(f: EventFilters, attrs: Record<string, string>): boolean {
  const vals = f.get('label');
  if (!vals || vals.length === 0) return true;
  return vals.every((v) => {
    const eq = v.indexOf('=');
    if (eq < 0) return Object.prototype.hasOwnProperty.call(attrs, v);
    const k = v.slice(0, eq);
    return Object.prototype.hasOwnProperty.call(attrs, k) && attrs[k] === v.slice(eq + 1);
  });
}

export function eventMatches(f: EventFilters, ev: BerthEvent): boolean {
  return (
    matchEvent(f, ev) &&
    exact(f, 'type', ev.Type) &&
    exact(f, 'scope', ev.scope) &&
    (ev.Type !== 'daemon' || fuzzyName(f, 'daemon', ev)) &&
    (!f.has('daemon') || ev.Type === 'daemon') &&
    (!f.has('container') || (ev.Type === 'container' && fuzzyName(f, 'container', ev))) &&
    (!f.has('volume') || (ev.Type === 'volume' && fuzzyName(f, 'volume', ev))) &&
    (!f.has('network') || (ev.Type === 'network' && fuzzyName(f, 'network', ev))) &&
    (!f.has('plugin') || ev.Type === 'plugin') &&
    matchImage(f, ev) &&
    matchLabels(f, ev.Actor.Attributes)
  );
}
