// Log driver options as Docker's json-file and local drivers take them
// (conmon writes every driver's file; the options decide rotation and the
// extra attributes `logs --details` shows). Validated at create, so a typo
// is refused like dockerd refuses it instead of being ignored.
import { invalidArgument } from '../errdefs';

export interface LogPolicy {
  /** Rotate when the file reaches this many bytes; null: never. */
  maxSize: number | null;
  /** How many files to keep, the live one included. */
  maxFiles: number;
}

const COMMON = ['labels', 'labels-regex', 'env', 'env-regex', 'tag'];
const ALLOWED: Record<string, string[]> = {
  'json-file': ['max-size', 'max-file', 'compress', ...COMMON],
  'k8s-file': ['max-size', 'max-file', ...COMMON],
  local: ['max-size', 'max-file', 'compress'],
  none: [],
};

/** go-units RAMInBytes: "10m", "1.5g", "512k", "100" (bytes); binary multiples. */
export function parseLogSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b)?$/i.exec(v.trim());
  if (!m) throw invalidArgument(`invalid size: '${v}'`);
  const exp = ' kmgtp'.indexOf(m[2].toLowerCase() || ' ');
  return Math.floor(Number(m[1]) * 1024 ** exp);
}

export function validateLogConfig(type: string, config: Record<string, string>): void {
  const allowed = ALLOWED[type];
  if (!allowed) return; // unknown drivers are refused elsewhere
  for (const key of Object.keys(config)) {
    if (!allowed.includes(key)) throw invalidArgument(`unknown log opt '${key}' for ${type === 'k8s-file' ? 'k8s-file' : type} log driver`);
  }
  logPolicy(type, config);
}

export function logPolicy(type: string, config: Record<string, string>): LogPolicy {
  // The local driver rotates by default (20 MB x 5), json-file does not.
  const local = type === 'local';
  let maxSize: number | null = local ? 20 * 1024 * 1024 : null;
  if (config['max-size'] !== undefined && config['max-size'] !== '-1') {
    maxSize = parseLogSize(config['max-size']);
    if (maxSize <= 0) throw invalidArgument(`max-size must be a positive number`);
  }
  let maxFiles = local ? 5 : 1;
  if (config['max-file'] !== undefined) {
    if (!/^\d+$/.test(config['max-file'])) throw invalidArgument(`invalid value for max-file: strconv.Atoi: parsing "${config['max-file']}": invalid syntax`);
    maxFiles = Number(config['max-file']);
    if (maxFiles < 1) throw invalidArgument('max-file cannot be less than 1');
    // max-file without max-size is accepted, as dockerd does: nothing rotates, so only one file is ever kept.
  }
  return { maxSize, maxFiles };
}

/**
 * The attributes `logs --details` puts before each line: the container's
 * labels and environment variables the log options name, as Docker's
 * "k=v,k=v" (sorted, values query-escaped).
 */
export function logAttributes(config: Record<string, string>, labels: Record<string, string>, env: string[]): string {
  const attrs = new Map<string, string>();
  const pick = (names: string | undefined, regex: string | undefined, source: Map<string, string>) => {
    for (const n of (names ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      if (source.has(n)) attrs.set(n, source.get(n)!);
    }
    if (regex) {
      const re = new RegExp(regex);
      for (const [k, v] of source) if (re.test(k)) attrs.set(k, v);
    }
  };
  pick(config.labels, config['labels-regex'], new Map(Object.entries(labels ?? {})));
  const envMap = new Map<string, string>();
  for (const e of env ?? []) {
    const i = e.indexOf('=');
    if (i > 0) envMap.set(e.slice(0, i), e.slice(i + 1));
  }
  pick(config.env, config['env-regex'], envMap);
  return [...attrs.keys()]
    .sort()
    .map((k) => `${k}=${new URLSearchParams({ v: attrs.get(k)! }).toString().slice(2)}`)
    .join(',');
}
