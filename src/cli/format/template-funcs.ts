// Template functions: Go's text/template builtins plus the ones docker adds
// (docker/cli templates/templates.go), and the header variants docker uses
// to render a table's header row with the same template.

import { goJSON, GoJSONError } from './gojson.js';
import { formatValue, sprint, sprintf, sprintln } from './gofmt.js';
import { goTypeName, isStrictStruct, isTrue, lookupField } from './gotypes.js';

/** Parameter types the executor checks before a call, with Go's messages. */
export type ParamType = 'any' | 'string' | 'int' | 'slice';

export interface FuncDef {
  fn: (...args: any[]) => unknown;
  params: ParamType[];
  variadic?: ParamType; // type of the trailing "...args", if any
  shortCircuit?: boolean; // and/or: arguments are evaluated lazily
}

export type FuncMap = Record<string, FuncDef | ((...args: any[]) => unknown)>;

/** A FuncDef for a plain JS function: any arguments, no checks. */
export function toFuncDef(f: FuncDef | ((...args: any[]) => unknown)): FuncDef {
  return typeof f === 'function' ? { fn: f, params: [], variadic: 'any' } : f;
}

const def = (fn: FuncDef['fn'], params: ParamType[], variadic?: ParamType): FuncDef => ({ fn, params, variadic });

function indexArg(i: unknown, cap: number): number {
  if (i == null) throw new Error('cannot index slice/array with nil');
  if (typeof i !== 'number' || !Number.isInteger(i)) throw new Error(`cannot index slice/array with type ${goTypeName(i)}`);
  if (i < 0 || i > cap) throw new Error(`index out of range: ${i}`);
  return i;
}

function index(item: unknown, ...keys: unknown[]): unknown {
  if (item === undefined) throw new Error('index of untyped nil');
  for (const key of keys) {
    if (item == null) throw new Error('index of nil pointer');
    if (typeof item === 'string' || Array.isArray(item)) {
      const seq = typeof item === 'string' ? Buffer.from(item) : item;
      const x = indexArg(key, seq.length);
      if (x === seq.length) throw new Error(`index out of range: ${x}`);
      item = seq[x]; // a string yields a byte, as in Go
    } else if (typeof item === 'object') {
      if (typeof key !== 'string') throw new Error(`value has type ${goTypeName(key)}; should be string`);
      const { found, value } = lookupField(item, key);
      // A missing key yields the map's zero value: "" for map[string]string
      // (labels, options), nil (printed `<no value>`) otherwise.
      const values = Object.values(item);
      item = found ? value : values.length > 0 && values.every((v) => typeof v === 'string') ? '' : undefined;
    } else {
      throw new Error(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...idx: number[]): unknown {
  if (item == null) throw new Error('slice of untyped nil');
  if (idx.length > 3) throw new Error(`too many slice indexes: ${idx.length}`);
  if (typeof item !== 'string' && !Array.isArray(item)) throw new Error(`can't slice item of type ${goTypeName(item)}`);
  if (typeof item === 'string' && idx.length === 3) throw new Error('cannot 3-index slice a string');
  const seq = typeof item === 'string' ? Buffer.from(item) : item;
  const [i, j = seq.length] = idx.map((x) => indexArg(x, seq.length));
  if (i !== undefined && i > j) throw new Error(`invalid slice index: ${i} > ${j}`);
  if (idx.length === 3 && j > idx[2]) throw new Error(`invalid slice index: ${j} > ${idx[2]}`);
  const out = seq.slice(i ?? 0, j);
  return Buffer.isBuffer(out) ? out.toString() : out;
}

function length(item: unknown): number {
  if (item === null) return 0; // a nil slice or map
  if (typeof item === 'string') return Buffer.byteLength(item); // Go counts bytes
  if (Array.isArray(item)) return item.length;
  // Plain objects count as maps here even when their keys look like struct fields.
  if (typeof item === 'object' && !isStrictStruct(item)) return Object.keys(item).length;
  throw new Error(item === undefined ? 'len of untyped nil' : `len of type ${goTypeName(item)}`);
}

// Go's eq/lt compare "basic kinds"; JS numbers stand for both ints and floats.
type Basic = 'bool' | 'number' | 'string' | 'nil' | 'other';
function basic(v: unknown): Basic {
  if (v == null) return 'nil';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'other';
}

function eq(a: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new Error('missing argument for comparison');
  for (const b of rest) {
    const ka = basic(a);
    const kb = basic(b);
    if (ka !== kb) {
      if (a !== undefined && b !== undefined && ka !== 'nil' && kb !== 'nil') throw new Error('incompatible types for comparison');
      if (ka === 'nil' && kb === 'nil') return true;
      continue;
    }
    if (ka === 'other') throw new Error(`non-comparable type ${formatValue(a)}: ${goTypeName(a)}`);
    if (a === b || ka === 'nil') return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const ka = basic(a);
  if (ka !== 'number' && ka !== 'string') throw new Error('invalid type for comparison');
  if (ka !== basic(b)) throw new Error('incompatible types for comparison');
  return (a as number | string) < (b as number | string);
}

/** strings.Title: upper-cases letters that follow a separator. */
function title(s: string): string {
  let prevSep = true;
  return [...s]
    .map((c) => {
      const out = prevSep ? c.toUpperCase() : c;
      prevSep = c < '\x80' ? !/[A-Za-z0-9_]/.test(c) : !/[\p{L}\p{Nd}]/u.test(c) && /\s/u.test(c);
      return out;
    })
    .join('');
}

function html(...args: unknown[]): string {
  const s = args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
  return s.replace(/[<>&'"\0]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' })[c]!);
}

function urlquery(...args: unknown[]): string {
  const s = args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
}

export const BUILTINS: Record<string, FuncDef> = {
  and: { fn: () => undefined, params: ['any'], variadic: 'any', shortCircuit: true },
  or: { fn: () => undefined, params: ['any'], variadic: 'any', shortCircuit: true },
  not: def((v) => !isTrue(v), ['any']),
  len: def(length, ['any']),
  index: def(index, ['any'], 'any'),
  slice: def(slice, ['any'], 'int'),
  print: def((...a) => sprint(a), [], 'any'),
  println: def((...a) => sprintln(a), [], 'any'),
  printf: def((f: string, ...a) => sprintf(f, a), ['string'], 'any'),
  eq: def(eq, ['any'], 'any'),
  ne: def((a, b) => !eq(a, b), ['any', 'any']),
  lt: def(lt, ['any', 'any']),
  le: def((a, b) => lt(a, b) || eq(a, b), ['any', 'any']),
  gt: def((a, b) => !lt(a, b) && !eq(a, b), ['any', 'any']),
  ge: def((a, b) => !lt(a, b), ['any', 'any']),
  html: def(html, [], 'any'),
  urlquery: def(urlquery, [], 'any'),
  call: def((fn: unknown, ...a) => {
    if (typeof fn !== 'function') throw new Error(`non-function of type ${goTypeName(fn)}`);
    return fn(...a);
  }, ['any'], 'any'),

  // docker/cli templates.basicFunctions
  json: def((v) => {
    try {
      return goJSON(v, { escapeHTML: false });
    } catch (e) {
      if (e instanceof GoJSONError) return ''; // docker ignores the encoder's error
      throw e;
    }
  }, ['any']),
  split: def((s: string, sep: string) => (sep === '' ? [...s] : s.split(sep)), ['string', 'string']),
  join: def((a: unknown[], sep: string) => a.map((e) => (typeof e === 'string' ? e : formatValue(e))).join(sep), ['slice', 'string']),
  title: def(title, ['string']),
  lower: def((s: string) => s.toLowerCase(), ['string']),
  upper: def((s: string) => s.toUpperCase(), ['string']),
  pad: def((s: string, pre: number, post: number) => (s === '' ? s : ' '.repeat(Math.max(pre, 0)) + s + ' '.repeat(Math.max(post, 0))), ['string', 'int', 'int']),
  // Go slices bytes: a cut inside a multi-byte character prints U+FFFD here.
  truncate: def((s: string, n: number) => (Buffer.byteLength(s) < n ? s : Buffer.from(s).subarray(0, Math.max(n, 0)).toString()), ['string', 'int']),
};

const same = (v: string): string => v;

/** docker's templates.HeaderFunctions: keep the header text intact. */
export const HEADER_FUNCS: Record<string, FuncDef> = {
  json: def(same, ['string']),
  split: def(same, ['string', 'string']),
  join: def(same, ['string', 'string']),
  title: def(same, ['string']),
  lower: def(same, ['string']),
  upper: def(same, ['string']),
  truncate: def(same, ['string', 'int']),
};
