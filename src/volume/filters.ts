// GET /volumes and POST /volumes/prune filters, as dockerd reads them.
import { invalidArgument } from '../errdefs';
import type { VolumeRecord } from './types';

export type Filters = Map<string, string[]>;

function boolOf(key: string, v: string): boolean {
  const l = v.toLowerCase();
  if (l === 'true' || l === '1') return true;
  if (l === 'false' || l === '0') return false;
  throw invalidArgument(`invalid filter '${key}=${v}'`);
}

function hasLabel(labels: Record<string, string>, want: string): boolean {
  const eq = want.indexOf('=');
  if (eq < 0) return Object.prototype.hasOwnProperty.call(labels, want);
  const k = want.slice(0, eq);
  return Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === want.slice(eq + 1);
}

/** `volume ls --filter`: dangling, name (substring), label, driver. */
export function listMatcher(f: Filters, refCount: (name: string) => number): (v: VolumeRecord) => boolean {
  for (const k of f.keys()) {
    if (!['dangling', 'name', 'label', 'driver'].includes(k)) throw invalidArgument(`invalid filter '${k}'`);
  }
  const dangling = f.get('dangling')?.map((v) => boolOf('dangling', v));
  return (v) => {
    if (dangling && !dangling.every((want) => (refCount(v.name) === 0) === want)) return false;
    const names = f.get('name');
    if (names?.length && !names.some((n) => v.name.includes(n))) return false;
    const drivers = f.get('driver');
    if (drivers?.length && !drivers.includes(v.driver)) return false;
    return (f.get('label') ?? []).every((l) => hasLabel(v.labels, l));
  };
}

/**
 * `volume prune --filter`: label, label!, and all (API >= 1.42: without
 * all=true only anonymous volumes go).
 */
export function pruneMatcher(f: Filters, anonymousOnlyByDefault: boolean): (v: VolumeRecord) => boolean {
  for (const k of f.keys()) {
    if (!['label', 'label!', 'all'].includes(k)) throw invalidArgument(`invalid filter '${k}'`);
  }
  const all = f.get('all')?.map((v) => boolOf('all', v)).some(Boolean) ?? !anonymousOnlyByDefault;
  return (v) => {
    if (!all && !v.anonymous) return false;
    if (!(f.get('label') ?? []).every((l) => hasLabel(v.labels, l))) return false;
    return !(f.get('label!') ?? []).some((l) => hasLabel(v.labels, l));
  };
}
