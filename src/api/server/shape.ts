// The JSON type checks Go's encoding/json makes for dockerd when it decodes a
// request body into a struct: a value of the wrong JSON type is a 400 with
// "json: cannot unmarshal <kind> into Go struct field <Struct>.<Field> of type
// <type>", before any handler sees it. Unknown fields pass, as in Go.
import { invalidArgument } from '../../errdefs';

export type Shape =
  | 'string' | 'number' | 'int' | 'bool' | 'any'
  /** docker's strslice: a string or a list of strings. */
  | 'strslice'
  | { list: Shape } | { map: Shape } | { tuple: Shape[] } | { struct: string; fields: Record<string, Shape> };

const GO_TYPE: Record<string, string> = { string: 'string', number: 'float64', int: 'int64', bool: 'bool', strslice: 'strslice.StrSlice' };

function goType(s: Shape): string {
  if (typeof s === 'string') return GO_TYPE[s] ?? 'interface {}';
  if ('list' in s) return `[]${goType(s.list)}`;
  if ('map' in s) return `map[string]${goType(s.map)}`;
  if ('tuple' in s) return `[${s.tuple.length}]${goType(s.tuple[0])}`;
  return `${s.struct.includes('.') ? '' : 'container.'}${s.struct}`;
}

function kind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;
}

function fail(v: unknown, where: string, s: Shape): never {
  throw invalidArgument(`json: cannot unmarshal ${kind(v)} into Go ${where.includes('.') ? 'struct field ' : 'value of type '}${where.includes('.') ? `${where} of type ` : ''}${goType(s)}`);
}

/** Throws InvalidArgument when `v` does not fit `s`; null fits anything, as in Go. */
export function checkShape(v: unknown, s: Shape, where: string): void {
  if (v === null || v === undefined || s === 'any') return;
  if (s === 'string') {
    if (typeof v !== 'string') fail(v, where, s);
  } else if (s === 'strslice') {
    if (typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) fail(v, where, s);
  } else if (s === 'number' || s === 'int') {
    if (typeof v !== 'number' || (s === 'int' && !Number.isInteger(v))) fail(v, where, s);
  } else if (s === 'bool') {
    if (typeof v !== 'boolean') fail(v, where, s);
  } else if ('list' in s) {
    if (!Array.isArray(v)) fail(v, where, s);
    for (const x of v) checkShape(x, s.list, where);
  } else if ('tuple' in s) {
    if (!Array.isArray(v) || v.length !== s.tuple.length) fail(v, where, s);
    s.tuple.forEach((t, i) => checkShape(v[i], t, where));
  } else if ('map' in s) {
    if (kind(v) !== 'object') fail(v, where, s);
    for (const x of Object.values(v as object)) checkShape(x, s.map, where);
  } else {
    if (kind(v) !== 'object') fail(v, where, s);
    for (const [k, t] of Object.entries(s.fields)) checkShape((v as Record<string, unknown>)[k], t, `${s.struct}.${k}`);
  }
}
