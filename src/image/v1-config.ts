// The legacy (v1) image JSON of an old `docker save` → an image config, as
// moby's image/v1 MakeConfigFromV1Config and HistoryFromConfig do it: the
// v1 JSON's own keys minus the v1-only ones (id, parent, Size, …), plus
// rootfs and history. Written the way Go's encoding/json writes a map
// (sorted keys, compact, <>& escaped), so the bytes — and with them the
// image ID — are dockerd's for v1 JSONs from Docker ≥ 1.8.3. (Older ones
// dockerd first re-encodes through its Go V1Image struct; berth keeps their
// keys as they are, so their configs match but their IDs may not.)
import { invalidArgument } from '../errdefs';

export interface V1History {
  created: string;
  author?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** The parts of a v1 JSON the loader needs to walk the chain. */
export interface V1Image {
  id?: string;
  parent?: string;
  os?: string;
  created?: string;
  author?: string;
  comment?: string;
  container_config?: { Cmd?: string[] | string | null };
}

const DROPPED = ['id', 'parent', 'Size', 'parent_id', 'layer_id', 'throwaway'];
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** Go's json.Marshal escapes these in strings; they appear in JSON text only inside strings. */
function goEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A time as Go's time.Time round-trips it (RFC 3339 in, RFC3339Nano out). */
export function goTime(value: unknown): string {
  if (value === undefined || value === null) return ZERO_TIME;
  const m = typeof value === 'string' ? /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/i.exec(value) : null;
  if (!m) throw invalidArgument(`invalid archive: ${JSON.stringify(value)} is not an RFC 3339 time`);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const zone = /^(z|[+-]00:00)$/i.test(m[3]) ? 'Z' : m[3];
  return `${m[1]}${frac ? `.${frac}` : ''}${zone}`;
}

/** One layer's history entry from its v1 JSON. */
export function historyFromV1(v1: V1Image): V1History {
  const cmd = v1.container_config?.Cmd;
  const h: V1History = { created: goTime(v1.created) };
  if (v1.author) h.author = String(v1.author);
  const createdBy = Array.isArray(cmd) ? cmd.join(' ') : typeof cmd === 'string' ? cmd : '';
  if (createdBy) h.created_by = createdBy;
  if (v1.comment) h.comment = String(v1.comment);
  return h;
}

/** The image config's exact bytes for the v1 JSON `v1` with these layers and history. */
export function configFromV1(v1: Record<string, unknown>, diffIds: string[], history: V1History[]): string {
  const c: Record<string, unknown> = { ...v1 };
  for (const k of DROPPED) delete c[k];
  c.rootfs = { type: 'layers', diff_ids: diffIds };
  c.history = history;
  const keys = Object.keys(c).sort();
  return goEscape(`{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(c[k])}`).join(',')}}`);
}
