// The parts of Go's fmt package that templates reach: %v printing of any
// value, Sprint, Sprintln and Sprintf with the verbs docker users write.
// Written by hand because output must match Go byte for byte (`[a b]`,
// `map[k:v]`, `%!d(string=x)`), which no JS printf library aims for.

import { formatFloat, type FloatVerb } from './gofloat.js';
import { goKeys, goKind, goTypeName } from './gotypes.js';

interface Flags {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean; // %+v: struct field names (the plus is not a sign then)
  width?: number;
  prec?: number;
}

const noFlags: Flags = { minus: false, plus: false, sharp: false, space: false, zero: false, plusV: false };

/** fmt's %v of one value; `<nil>` for null and undefined. */
export function formatValue(v: unknown, plusV = false): string {
  return formatVerb(v, 'v', { ...noFlags, plusV });
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a);
  });
  return out;
}

/** fmt.Sprintln: always spaces between operands, and a newline. */
export function sprintln(args: unknown[]): string {
  return args.map((a) => formatValue(a)).join(' ') + '\n';
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Flags = { ...noFlags };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') f.minus = true;
      else if (c === '+') f.plus = true;
      else if (c === '#') f.sharp = true;
      else if (c === ' ') f.space = true;
      else if (c === '0') f.zero = true;
      else break;
    }
    const num = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        return typeof a === 'number' && Number.isInteger(a) ? a : undefined;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    f.width = num();
    if (f.width !== undefined && f.width < 0) {
      f.minus = true;
      f.width = -f.width;
    }
    if (format[i] === '.') {
      i++;
      f.prec = num() ?? 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (verb === 'v' && f.plus) {
      f.plus = false;
      f.plusV = true;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatVerb(args[argi++], verb, f);
  }
  if (argi < args.length) {
    const extra = args.slice(argi).map((a) => (a == null ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

function formatVerb(v: unknown, verb: string, f: Flags): string {
  const kind = goKind(v);
  switch (kind) {
    case 'invalid':
    case 'nil':
      return verb === 'v' ? pad('<nil>', f) : `%!${verb}(<nil>)`;
    case 'bool':
      return verb === 'v' || verb === 't' ? pad(String(v), f) : bad(v, verb);
    case 'int':
      return formatInt(v as number | bigint, verb, f);
    case 'float':
      return formatFloatVerb(v as number, verb, f);
    case 'string':
      return formatString(v as string, verb, f);
    case 'func':
      return verb === 'v' || verb === 'p' ? pad('<func>', f) : bad(v, verb);
    case 'slice': {
      const items = (v as unknown[]).map((e) => formatVerb(e, verb, f));
      return `[${items.join(' ')}]`;
    }
    case 'map':
    case 'struct': {
      if (v instanceof Date) return pad(v.toISOString(), f);
      const custom = (v as { toString?: unknown }).toString;
      if (kind === 'struct' && typeof custom === 'function' && custom !== Object.prototype.toString) {
        return formatString(String(v), verb === 'v' ? 's' : verb, f); // a Stringer
      }
      const obj = v as Record<string, unknown>;
      const keys = goKeys(obj).filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function');
      if (kind === 'struct') {
        const named = f.plusV;
        return `{${keys.map((k) => (named ? `${k}:` : '') + formatVerb(obj[k], verb, f)).join(' ')}}`;
      }
      // An empty object inside a map is almost always Go's struct{} value
      // (ExposedPorts, Volumes), which prints as {}; at top level it is an
      // empty map (Labels).
      const parts = keys.map((k) => {
        const e = obj[k];
        const val = isEmptyPlain(e) ? '{}' : formatVerb(e, verb, f);
        return `${formatVerb(k, verb, f)}:${val}`;
      });
      return `map[${parts.join(' ')}]`;
    }
  }
}

function isEmptyPlain(v: unknown): boolean {
  return goKind(v) === 'map' && Object.keys(v as object).length === 0;
}

function bad(v: unknown, verb: string): string {
  return `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

/** Pads to the width in runes, on the left unless '-' (zeros only on the left). */
function pad(s: string, f: Flags, zeroOk = true): string {
  if (f.width === undefined) return s;
  const n = f.width - [...s].length;
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  if (f.zero && zeroOk) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

function formatInt(v: number | bigint, verb: string, f: Flags): string {
  const n = BigInt(v);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'v':
    case 'd':
      digits = abs.toString(10);
      break;
    case 'b':
      digits = abs.toString(2);
      if (f.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (f.sharp) prefix = '0';
      break;
    case 'x':
    case 'X':
      digits = abs.toString(16);
      if (verb === 'X') digits = digits.toUpperCase();
      if (f.sharp) prefix = verb === 'x' ? '0x' : '0X';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n)), f);
    case 'q':
      return pad(quoteRune(Number(n)), f);
    case 'U':
      return pad('U+' + abs.toString(16).toUpperCase().padStart(4, '0'), f);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      // JSON gives no int/float distinction; 2.0 arrives as 2, so allow float verbs.
      return formatFloatVerb(Number(v), verb, f);
    default:
      return bad(v, verb);
  }
  if (f.prec !== undefined) {
    digits = f.prec === 0 && abs === 0n ? '' : digits.padStart(f.prec, '0');
  }
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + prefix + digits, f, f.prec === undefined);
}

function formatFloatVerb(v: number, verb: string, f: Flags): string {
  let fv: FloatVerb;
  let prec: number;
  if (verb === 'v' || verb === 'g' || verb === 'G') {
    fv = verb === 'G' ? 'G' : 'g';
    prec = f.prec ?? -1;
  } else if (verb === 'e' || verb === 'E' || verb === 'f' || verb === 'F') {
    fv = verb === 'F' ? 'f' : verb;
    prec = f.prec ?? 6;
  } else {
    return bad(v, verb);
  }
  let s = formatFloat(v, fv, prec);
  if (f.plus && !s.startsWith('-')) s = '+' + s;
  else if (f.space && !s.startsWith('-')) s = ' ' + s;
  return pad(s, f, Number.isFinite(v));
}

function formatString(s: string, verb: string, f: Flags): string {
  switch (verb) {
    case 'v':
    case 's':
      return pad(f.prec !== undefined ? [...s].slice(0, f.prec).join('') : s, f);
    case 'q':
      return pad(f.sharp && !/[`\p{Cc}]/u.test(s) ? '`' + s + '`' : quote(s), f);
    case 'x':
    case 'X': {
      const hex = [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
      const joined = hex.join(f.space ? ' ' : '');
      return pad(verb === 'X' ? joined.toUpperCase() : joined, f);
    }
    default:
      return bad(s, verb);
  }
}

/** strconv.Quote: a double-quoted Go string literal. */
export function quote(s: string): string {
  return JSON.stringify(s)
    .replace(/\\u0007/g, '\\a')
    .replace(/\\u000b/g, '\\v')
    .replace(/\\u00([0-9a-f]{2})/g, '\\x$1')
    .replace(/\\u(d[89a-f][0-9a-f]{2})/g, '\\ufffd')
    .replace(/[^\p{L}\p{M}\p{N}\p{P}\p{S} \\"]/gu, (c) => escapeRune(c.codePointAt(0)!));
}

function escapeRune(cp: number): string {
  if (cp < 0x80) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

function quoteRune(cp: number): string {
  const s = String.fromCodePoint(cp);
  if (s === "'") return "'\\''";
  if (s === '"') return `'"'`;
  return "'" + quote(s).slice(1, -1) + "'";
}
