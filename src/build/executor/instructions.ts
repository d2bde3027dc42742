// The instructions that only change the image config (ENV, LABEL, CMD, …):
// each returns the new config and the `#(nop)` text the classic builder
// records as the step's Cmd (its cache key and the history's CREATED BY).
// Pure: no I/O.
import type { ContainerConfig } from '../../image';
import { parseError, parseFlags, parseNameValues, splitWords, type Instruction } from '../dockerfile/parser';
import { processWord, processWords, type Env } from '../dockerfile/shell-lex';

export const DEFAULT_SHELL = ['/bin/sh', '-c'];
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface MetaResult {
  config: ContainerConfig;
  nop: string;
  /** MAINTAINER */
  author?: string;
}

/** Go's %q of a []string, as Docker prints CMD/ENTRYPOINT/SHELL in history: ["a" "b"]. */
export function goQuoteList(list: string[]): string {
  return `[${list.map((s) => JSON.stringify(s)).join(' ')}]`;
}

export function commandOf(ins: Instruction, shell: string[]): string[] {
  return ins.json ?? [...shell, ins.rest];
}

function setEnv(env: string[], key: string, value: string): string[] {
  const out = env.filter((e) => e.split('=', 1)[0] !== key);
  // Docker replaces in place to keep the order
  const i = env.findIndex((e) => e.split('=', 1)[0] === key);
  if (i >= 0) {
    const copy = [...env];
    copy[i] = `${key}=${value}`;
    return copy;
  }
  return [...out, `${key}=${value}`];
}

/** Nanoseconds from a Go duration (30s, 1m30s, 500ms). */
export function parseDuration(s: string, line: number, flag: string): number {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    total += parseFloat(m[1]) * units[m[2]];
    consumed += m[0].length;
  }
  if (s === '0') return 0;
  if (!s || consumed !== s.length) throw parseError(line, `time: invalid duration "${s}"`);
  return Math.round(total);
}

export function applyMeta(ins: Instruction, cfg: ContainerConfig, env: Env, escape: string, cmdSetInStage: boolean): MetaResult {
  const config: ContainerConfig = structuredClone(cfg);
  const shell = config.Shell?.length ? config.Shell : DEFAULT_SHELL;
  const word = (w: string) => processWord(w, env, escape);
  switch (ins.cmd) {
    case 'env': {
      const pairs = parseNameValues(ins, escape).map(([k, v]) => [word(k), word(v)] as const);
      let e = config.Env ?? [];
      for (const [k, v] of pairs) e = setEnv(e, k, v);
      config.Env = e;
      return { config, nop: `ENV ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}` };
    }
    case 'label': {
      const pairs = parseNameValues(ins, escape).map(([k, v]) => [word(k), word(v)] as const);
      config.Labels = { ...(config.Labels ?? {}) };
      for (const [k, v] of pairs) config.Labels[k] = v;
      return { config, nop: `LABEL ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}` };
    }
    case 'maintainer': {
      const name = ins.rest.trim();
      if (!name) throw parseError(ins.line, 'MAINTAINER requires exactly one argument');
      return { config, nop: `MAINTAINER ${name}`, author: name };
    }
    case 'cmd': {
      const cmd = commandOf(ins, shell);
      config.Cmd = cmd;
      return { config, nop: `CMD ${goQuoteList(cmd)}` };
    }
    case 'entrypoint': {
      const ep = ins.json ?? (ins.rest.trim() ? [...shell, ins.rest] : []);
      config.Entrypoint = ep.length ? ep : null;
      // A CMD inherited from the base image does not survive a new ENTRYPOINT.
      if (!cmdSetInStage) config.Cmd = null;
      return { config, nop: `ENTRYPOINT ${goQuoteList(ep)}` };
    }
    case 'expose': {
      const ports = processWords(ins.rest, env, escape);
      if (!ports.length) throw parseError(ins.line, 'EXPOSE requires at least one argument');
      config.ExposedPorts = { ...(config.ExposedPorts ?? {}) };
      const keys: string[] = [];
      for (const p of ports) {
        const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(p);
        if (!m) throw parseError(ins.line, `Invalid containerPort: ${p}`);
        const lo = Number(m[1]);
        const hi = m[2] ? Number(m[2]) : lo;
        const proto = (m[3] ?? 'tcp').toLowerCase();
        for (let n = lo; n <= hi; n++) {
          config.ExposedPorts[`${n}/${proto}`] = {};
          keys.push(`${n}/${proto}`);
        }
      }
      return { config, nop: `EXPOSE ${keys.sort().join(' ')}` };
    }
    case 'workdir': {
      const dir = word(ins.rest.trim());
      if (!dir) throw parseError(ins.line, 'WORKDIR requires exactly one argument');
      const base = config.WorkingDir || '/';
      config.WorkingDir = dir.startsWith('/') ? posixClean(dir) : posixClean(`${base}/${dir}`);
      return { config, nop: `WORKDIR ${config.WorkingDir}` };
    }
    case 'user': {
      const u = word(ins.rest.trim());
      if (!u) throw parseError(ins.line, 'USER requires exactly one argument');
      config.User = u;
      return { config, nop: `USER ${u}` };
    }
    case 'volume': {
      const vols = (ins.json ?? processWords(ins.rest, env, escape)).map((v) => (ins.json ? word(v) : v));
      if (!vols.length) throw parseError(ins.line, 'VOLUME requires at least one argument');
      config.Volumes = { ...(config.Volumes ?? {}) };
      for (const v of vols) {
        if (!v.trim()) throw parseError(ins.line, 'VOLUME specified can not be an empty string');
        config.Volumes[v] = {};
      }
      return { config, nop: `VOLUME ${goQuoteList(vols)}` };
    }
    case 'stopsignal': {
      const sig = word(ins.rest.trim());
      if (!sig) throw parseError(ins.line, 'STOPSIGNAL requires exactly one argument');
      if (!/^(SIG)?[A-Z0-9+-]+$|^\d+$/i.test(sig)) throw parseError(ins.line, `Invalid signal: ${sig}`);
      config.StopSignal = sig;
      return { config, nop: `STOPSIGNAL ${sig}` };
    }
    case 'shell': {
      if (!ins.json || !ins.json.length) throw parseError(ins.line, 'SHELL requires the arguments to be in JSON form');
      config.Shell = ins.json;
      return { config, nop: `SHELL ${goQuoteList(ins.json)}` };
    }
    case 'onbuild': {
      const trigger = ins.rest.trim();
      const first = trigger.split(/\s+/, 1)[0].toUpperCase();
      if (!trigger) throw parseError(ins.line, 'ONBUILD requires at least one argument');
      if (first === 'ONBUILD') throw parseError(ins.line, 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
      if (first === 'FROM' || first === 'MAINTAINER') throw parseError(ins.line, `${first} isn't allowed as an ONBUILD trigger`);
      config.OnBuild = [...(config.OnBuild ?? []), trigger];
      return { config, nop: `ONBUILD ${trigger}` };
    }
    case 'healthcheck': {
      const flags = parseFlags(ins, ['interval', 'timeout', 'start-period', 'start-interval', 'retries']);
      const words = splitWords(ins.rest, escape);
      const kind = (words[0] ?? '').toUpperCase();
      if (kind === 'NONE') {
        if (words.length > 1) throw parseError(ins.line, 'HEALTHCHECK NONE takes no arguments');
        config.Healthcheck = { Test: ['NONE'] };
        return { config, nop: 'HEALTHCHECK NONE' };
      }
      if (kind !== 'CMD') throw parseError(ins.line, `Unknown type "${kind}" in HEALTHCHECK (try CMD)`);
      const rest = ins.rest.trim().slice(3).trim();
      if (!rest) throw parseError(ins.line, 'Missing command after HEALTHCHECK CMD');
      let json: string[] | undefined;
      try {
        const v = JSON.parse(rest);
        if (Array.isArray(v) && v.every((x) => typeof x === 'string')) json = v;
      } catch {
        /* shell form */
      }
      const hc: Record<string, unknown> = { Test: json ? ['CMD', ...json] : ['CMD-SHELL', rest] };
      const dur = (name: string, key: string) => {
        const v = flags.get(name)?.at(-1);
        if (v !== undefined) hc[key] = parseDuration(v, ins.line, name);
      };
      dur('interval', 'Interval');
      dur('timeout', 'Timeout');
      dur('start-period', 'StartPeriod');
      dur('start-interval', 'StartInterval');
      const r = flags.get('retries')?.at(-1);
      if (r !== undefined) {
        if (!/^\d+$/.test(r)) throw parseError(ins.line, `invalid retries: ${r}`);
        hc.Retries = Number(r);
      }
      config.Healthcheck = hc;
      return { config, nop: `HEALTHCHECK &{${goQuoteList(hc.Test as string[])} ${[hc.Interval ?? 0, hc.Timeout ?? 0, hc.StartPeriod ?? 0].join(' ')} ${hc.Retries ?? 0}}` };
    }
  }
  throw parseError(ins.line, `unknown instruction: ${ins.cmd.toUpperCase()}`);
}

const COPY_FLAGS = ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'];
const ADD_FLAGS = ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir'];
/** Config instructions whose checks do not depend on variables (those are checked when they run). */
const STATIC = new Set(['env', 'label', 'maintainer', 'cmd', 'entrypoint', 'shell', 'onbuild', 'healthcheck']);

/** Variables are not known yet: every one counts as set, so `${X:?}` waits for the real run. */
class EveryVarSet extends Map<string, string> {
  has(): boolean {
    return true;
  }
  get(): string {
    return 'x';
  }
}

/** The checks Docker makes when it parses the Dockerfile, before any step runs. */
export function validateInstruction(ins: Instruction, escape: string): void {
  const words = splitWords(ins.rest, escape);
  switch (ins.cmd) {
    case 'from':
      parseFlags(ins, ['platform']);
      if (words.length !== 1 && !(words.length === 3 && words[1].toLowerCase() === 'as')) throw parseError(ins.line, 'FROM requires either one or three arguments');
      return;
    case 'run':
      parseFlags(ins, ['network', 'mount', 'security']);
      if (!ins.json && !ins.rest.trim()) throw parseError(ins.line, 'RUN requires at least one argument');
      return;
    case 'copy':
    case 'add':
      parseFlags(ins, ins.cmd === 'copy' ? COPY_FLAGS : ADD_FLAGS);
      if ((ins.json ?? words).length < 2) {
        throw parseError(ins.line, `${ins.cmd.toUpperCase()} requires at least two arguments, but only one was provided. Destination could not be determined.`);
      }
      return;
    case 'arg':
      if (!words.length) throw parseError(ins.line, 'ARG requires at least one argument');
      return;
    case 'expose':
    case 'volume':
    case 'user':
    case 'workdir':
    case 'stopsignal':
      if (ins.flags.length) parseFlags(ins, []);
      if (!ins.rest.trim()) throw parseError(ins.line, `${ins.cmd.toUpperCase()} requires ${ins.cmd === 'expose' || ins.cmd === 'volume' ? 'at least' : 'exactly'} one argument`);
      return;
  }
  if (STATIC.has(ins.cmd)) {
    if (ins.flags.length && ins.cmd !== 'healthcheck') parseFlags(ins, []);
    // Pure: run it on an empty config to surface its errors now.
    applyMeta(ins, {}, new EveryVarSet(), escape, false);
  }
}

function posixClean(p: string): string {
  const out: string[] = [];
  for (const c of p.split('/')) {
    if (!c || c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return '/' + out.join('/');
}
