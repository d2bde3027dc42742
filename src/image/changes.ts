// `docker import -c` / `docker commit -c`: a few Dockerfile instructions that
// edit the image config. The Dockerfile parser proper lives in build/ (a later
// layer), so this is a small self-contained subset with Docker's semantics:
// shell-form CMD/ENTRYPOINT become ["/bin/sh","-c",…]; ENTRYPOINT without a
// CMD in the same changes resets CMD; ENV/LABEL take key=value pairs (or the
// legacy "key value" form); WORKDIR is relative to the previous one.
// Not supported: $VAR substitution and line continuations.
import * as path from 'node:path';
import { constants } from 'node:os';
import { invalidArgument } from '../errdefs';
import type { ContainerConfig } from './types';

const ALLOWED = new Set(['cmd', 'entrypoint', 'env', 'expose', 'label', 'onbuild', 'stopsignal', 'user', 'volume', 'workdir']);

export function applyChanges(base: ContainerConfig, changes: string[]): ContainerConfig {
  const cfg: ContainerConfig = structuredClone(base);
  let cmdSet = false;
  for (const change of changes) {
    for (const raw of change.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const m = /^(\S+)\s*(.*)$/s.exec(line) as RegExpExecArray;
      const instr = m[1].toLowerCase();
      const rest = m[2].trim();
      if (!ALLOWED.has(instr)) throw invalidArgument(`${instr} is not a valid change command`);
      switch (instr) {
        case 'cmd':
          cfg.Cmd = execOrShell(rest, cfg.Shell);
          cmdSet = true;
          break;
        case 'entrypoint':
          cfg.Entrypoint = execOrShell(rest, cfg.Shell);
          if (!cmdSet) cfg.Cmd = null;
          break;
        case 'env':
          for (const [k, v] of keyValues(rest, 'ENV')) setEnv(cfg, k, v);
          break;
        case 'label':
          cfg.Labels = { ...(cfg.Labels ?? {}) };
          for (const [k, v] of keyValues(rest, 'LABEL')) cfg.Labels[k] = v;
          break;
        case 'expose':
          cfg.ExposedPorts = { ...(cfg.ExposedPorts ?? {}) };
          for (const p of words(rest)) for (const port of expandPorts(p)) cfg.ExposedPorts[port] = {};
          break;
        case 'volume': {
          const vols = jsonArray(rest) ?? words(rest);
          cfg.Volumes = { ...(cfg.Volumes ?? {}) };
          for (const v of vols) {
            if (v.trim() === '') throw invalidArgument('VOLUME specified can not be an empty string');
            cfg.Volumes[v] = {};
          }
          break;
        }
        case 'workdir':
          if (rest === '') throw invalidArgument('WORKDIR requires exactly one argument');
          cfg.WorkingDir = path.posix.isAbsolute(rest) ? path.posix.normalize(rest) : path.posix.join('/', cfg.WorkingDir ?? '', rest);
          break;
        case 'user':
          if (rest === '') throw invalidArgument('USER requires exactly one argument');
          cfg.User = rest;
          break;
        case 'stopsignal':
          cfg.StopSignal = validSignal(rest);
          break;
        case 'onbuild':
          if (rest === '') throw invalidArgument('ONBUILD requires at least one argument');
          cfg.OnBuild = [...(cfg.OnBuild ?? []), rest];
          break;
      }
    }
  }
  return cfg;
}

/** JSON form (["a","b"]) or shell form (prefixed with the shell). */
function execOrShell(rest: string, shell?: string[]): string[] {
  return jsonArray(rest) ?? [...(shell ?? ['/bin/sh', '-c']), rest];
}

function jsonArray(s: string): string[] | undefined {
  if (!s.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(s);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // not JSON: shell form
  }
  return undefined;
}

function setEnv(cfg: ContainerConfig, key: string, value: string): void {
  const env = [...(cfg.Env ?? [])];
  const i = env.findIndex((e) => e.split('=')[0] === key);
  if (i >= 0) env[i] = `${key}=${value}`;
  else env.push(`${key}=${value}`);
  cfg.Env = env;
}

/** key=value pairs with shell-like quoting, or the legacy "key value with spaces" form. */
function keyValues(rest: string, instr: string): [string, string][] {
  const first = /^\S+/.exec(rest)?.[0] ?? '';
  if (first === '') throw invalidArgument(`${instr} requires at least one argument`);
  if (!first.includes('=')) {
    const value = rest.slice(first.length).trim();
    if (value === '') throw invalidArgument(`${instr} must have two arguments`);
    return [[first, value]];
  }
  return words(rest).map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) {
      throw invalidArgument(`Syntax error - can't find = in "${w}". Must be of the form: name=value`);
    }
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/** Splits on whitespace, honouring '…', "…" and backslash escapes, and removes the quotes. */
export function words(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < s.length) cur += s[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) throw invalidArgument(`unmatched quote in "${s}"`);
  if (inWord) out.push(cur);
  return out;
}

/** 80, 80/tcp, 53/udp, 8000-8002/tcp → ["80/tcp", …] */
function expandPorts(spec: string): string[] {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(spec);
  const lo = m ? Number(m[1]) : NaN;
  const hi = m && m[2] !== undefined ? Number(m[2]) : lo;
  if (!m || lo < 1 || hi > 65535 || hi < lo) throw invalidArgument(`invalid containerPort: ${spec}`);
  const proto = (m[3] ?? 'tcp').toLowerCase();
  const out: string[] = [];
  for (let p = lo; p <= hi; p++) out.push(`${p}/${proto}`);
  return out;
}

function validSignal(s: string): string {
  const n = Number(s);
  if (/^\d+$/.test(s) && n >= 1 && n <= 64) return s;
  const name = s.toUpperCase().startsWith('SIG') ? s.toUpperCase() : `SIG${s.toUpperCase()}`;
  if (name in constants.signals || /^SIGRTM(IN|AX)([+-]\d+)?$/.test(name)) return s;
  throw invalidArgument(`Invalid signal: ${s}`);
}
