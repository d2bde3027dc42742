// --ulimit, --restart, --cap-add/--cap-drop, --security-opt, --log-opt,
// --tmpfs, --attach: small docker flag grammars.
import type { RestartPolicy, Ulimit } from '../../api/types';
import { parseGoInt } from './goparse';
import { kvToMap } from './kv';

const ULIMIT_NAMES = new Set([
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
]);

/** units.ParseUlimit: "nofile=1024[:2048]" */
export function parseUlimit(val: string): Ulimit {
  const eq = val.indexOf('=');
  if (eq < 0) throw new Error(`invalid ulimit argument: ${val}`);
  const name = val.slice(0, eq);
  if (!ULIMIT_NAMES.has(name)) throw new Error(`invalid ulimit type: ${name}`);
  const limits = val.slice(eq + 1).split(':');
  const parse10 = (s: string): number => {
    if (!/^[+-]?\d+$/.test(s)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
    return parseGoInt(s);
  };
  let soft: number;
  let hard: number;
  if (limits.length === 2) {
    hard = parse10(limits[1]);
    soft = parse10(limits[0]);
  } else if (limits.length === 1) {
    soft = parse10(limits[0]);
    hard = soft;
  } else {
    throw new Error(`too many limit value arguments - ${val.slice(eq + 1)}, can only have up to two, \`soft[:hard]\``);
  }
  if (hard !== -1 && soft > hard) throw new Error(`ulimit soft limit must be less than or equal to hard limit: ${soft} > ${hard}`);
  return { Name: name, Soft: soft, Hard: hard };
}

/** Later --ulimit values for the same name replace earlier ones. */
export function mergeUlimits(values: Ulimit[]): Ulimit[] {
  const m = new Map<string, Ulimit>();
  for (const u of values) m.set(u.Name, u);
  return [...m.values()];
}

/** opts.ParseRestartPolicy: "no", "always", "unless-stopped", "on-failure[:N]". */
export function parseRestartPolicy(policy: string): RestartPolicy {
  if (policy === '') return {};
  const colon = policy.indexOf(':');
  const k = colon < 0 ? policy : policy.slice(0, colon);
  const v = colon < 0 ? '' : policy.slice(colon + 1);
  if (colon >= 0 && k === '') throw new Error('invalid restart policy format: no policy provided before colon');
  const p: RestartPolicy = { Name: k, MaximumRetryCount: 0 };
  if (v !== '') {
    if (!/^[+-]?\d+$/.test(v)) throw new Error('invalid restart policy format: maximum retry count must be an integer');
    p.MaximumRetryCount = Number(v);
  }
  return p;
}

/** opts.NormalizeCapabilities: upper-case, CAP_ prefix (except ALL), de-duplicated. */
export function normalizeCapabilities(caps: string[]): string[] {
  const out: string[] = [];
  for (const raw of caps) {
    let c = raw.trim().toUpperCase();
    if (c === '') continue;
    if (c !== 'ALL' && !c.startsWith('CAP_')) c = `CAP_${c}`;
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** opts.EffectiveCapAddCapDrop: ALL trumps the rest; adding beats dropping. */
export function effectiveCaps(add: string[], drop: string[]): { capAdd: string[]; capDrop: string[] } {
  let capAdd = normalizeCapabilities(add);
  let capDrop = normalizeCapabilities(drop);
  if (capAdd.includes('ALL')) capAdd = ['ALL'];
  if (capDrop.includes('ALL')) capDrop = ['ALL'];
  capDrop = capDrop.filter((c) => !capAdd.includes(c));
  return { capAdd, capDrop };
}

/**
 * parseSecurityOpts: "key=value" or "key:value"; only no-new-privileges may
 * stand alone. A seccomp profile file is inlined as compact JSON.
 */
export function parseSecurityOpts(values: string[], readFile: (p: string) => string): string[] {
  return values.map((opt) => {
    let sep = opt.indexOf('=');
    let k = sep < 0 ? opt : opt.slice(0, sep);
    if (sep < 0 && k !== 'no-new-privileges') {
      sep = opt.indexOf(':');
      k = sep < 0 ? opt : opt.slice(0, sep);
    }
    const v = sep < 0 ? '' : opt.slice(sep + 1);
    if ((sep < 0 || v === '') && k !== 'no-new-privileges') throw new Error(`Invalid --security-opt: ${JSON.stringify(opt)}`);
    if (k === 'seccomp' && v !== 'unconfined' && v !== 'builtin') {
      let text: string;
      try {
        text = readFile(v);
      } catch (err) {
        throw new Error(`opening seccomp profile (${v}) failed: ${(err as Error).message}`);
      }
      try {
        return `seccomp=${JSON.stringify(JSON.parse(text))}`;
      } catch (err) {
        throw new Error(`compacting json for seccomp profile (${v}) failed: ${(err as Error).message}`);
      }
    }
    return opt;
  });
}

/** --log-opt values; a "none" driver takes no options. */
export function parseLogOpts(driver: string | undefined, values: string[]): Record<string, string> {
  if (driver === 'none' && values.length > 0) throw new Error(`invalid logging opts for driver ${driver}`);
  return kvToMap(values);
}

/** --tmpfs "/path[:options]" -> {path: options} */
export function parseTmpfs(values: string[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const t of values) {
    const colon = t.indexOf(':');
    if (colon < 0) m[t] = '';
    else m[t.slice(0, colon)] = t.slice(colon + 1);
  }
  return m;
}

/** opts.ValidateAttach */
export function validateAttach(val: string): string {
  const s = val.toLowerCase();
  if (s === 'stdin' || s === 'stdout' || s === 'stderr') return s;
  throw new Error('valid streams are STDIN, STDOUT and STDERR');
}

/** --pull */
export type PullPolicy = 'always' | 'missing' | 'never';
export function validatePullOpt(val: string): PullPolicy {
  if (val === 'always' || val === 'missing' || val === 'never') return val;
  throw new Error(`invalid pull option: '${val}': must be one of "always", "missing" or "never"`);
}

// The docker CLI's opts.ValidateSysctl: only sysctls namespaced per container.
const IPC_SYSCTLS = ['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced'];

export function validateSysctl(val: string): string {
  const eq = val.indexOf('=');
  const name = eq < 0 ? '' : val.slice(0, eq);
  if (name && (IPC_SYSCTLS.includes(name) || name.startsWith('net.') || name.startsWith('fs.mqueue.'))) return val;
  throw new Error(`sysctl '${val}' is not allowed`);
}
