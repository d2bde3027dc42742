// Merging compose files (-f a -f b, compose.override.yaml) and `extends`, by
// the Compose Specification's rules: mappings merge key by key, the later
// scalar wins; command, entrypoint and healthcheck.test are replaced whole;
// ports, expose, dns, dns_search, tmpfs, cap_add, cap_drop, security_opt,
// external_links, links, profiles, volumes_from and devices are joined
// (duplicates once); volumes merge by target; environment, labels,
// extra_hosts, sysctls (lists or maps) merge by key.

type Dict = Record<string, unknown>;

const REPLACED = new Set(['command', 'entrypoint']);
const JOINED = new Set(['ports', 'expose', 'dns', 'dns_search', 'tmpfs', 'cap_add', 'cap_drop', 'security_opt', 'external_links', 'links', 'profiles', 'volumes_from', 'devices', 'env_file']);
const KEYED = new Set(['environment', 'labels', 'extra_hosts', 'sysctls']);

const isDict = (v: unknown): v is Dict => !!v && typeof v === 'object' && !Array.isArray(v);

/** "K=V" / "K:V" lists as maps, so that two forms of the same key merge. */
export function listToMap(v: unknown, sep = '='): Dict {
  if (isDict(v)) return { ...v };
  const out: Dict = {};
  for (const item of (v as unknown[]) ?? []) {
    const s = String(item);
    const i = s.indexOf(sep);
    if (i < 0) out[s] = null;
    else out[s.slice(0, i)] = s.slice(i + 1);
  }
  return out;
}

function volumeTarget(v: unknown): string {
  if (isDict(v)) return String(v.target ?? '');
  const parts = String(v).split(':');
  return parts.length === 1 ? parts[0] : parts[1];
}

function asList(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

export function mergeService(base: Dict, over: Dict): Dict {
  const out: Dict = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    if (b === undefined || v === null || REPLACED.has(k)) out[k] = v;
    else if (JOINED.has(k)) {
      const seen = new Set<string>();
      out[k] = [...asList(b), ...asList(v)].filter((x) => {
        const key = JSON.stringify(x);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    } else if (KEYED.has(k)) {
      const sep = k === 'extra_hosts' && !isDict(v) && !isDict(b) ? (String(asList(v)[0] ?? '').includes('=') ? '=' : ':') : '=';
      out[k] = { ...listToMap(b, sep), ...listToMap(v, sep) };
    } else if (k === 'volumes') {
      const byTarget = new Map<string, unknown>();
      for (const x of [...asList(b), ...asList(v)]) byTarget.set(volumeTarget(x), x);
      out[k] = [...byTarget.values()];
    } else if (k === 'depends_on' || k === 'networks') {
      out[k] = { ...toDict(b), ...toDict(v) };
    } else if (k === 'healthcheck' || k === 'build' || k === 'deploy' || k === 'logging' || k === 'ulimits') {
      out[k] = isDict(b) && isDict(v) ? deepMerge(b, v) : v;
    } else out[k] = v;
  }
  return out;
}

/** depends_on / networks as lists or maps: maps. */
function toDict(v: unknown): Dict {
  if (isDict(v)) return v;
  const out: Dict = {};
  for (const x of asList(v)) out[String(x)] = null;
  return out;
}

export function deepMerge(a: Dict, b: Dict): Dict {
  const out: Dict = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isDict(out[k]) && isDict(v) ? deepMerge(out[k] as Dict, v) : v;
  return out;
}

/** Whole files: services by mergeService, the other sections key by key. */
export function mergeFiles(a: Dict, b: Dict): Dict {
  const out: Dict = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (k === 'services' && isDict(out.services) && isDict(v)) {
      const svcs: Dict = { ...(out.services as Dict) };
      for (const [name, s] of Object.entries(v)) svcs[name] = isDict(svcs[name]) && isDict(s) ? mergeService(svcs[name] as Dict, s) : s;
      out.services = svcs;
    } else if (isDict(out[k]) && isDict(v)) out[k] = deepMerge(out[k] as Dict, v);
    else out[k] = v;
  }
  return out;
}
