// How a JavaScript value looks from Go's side.
//
// Go's text/template, fmt and encoding/json treat structs and maps differently:
// a missing struct field is an error but a missing map key is `<no value>`;
// structs print as `{a b}` and keep their field order in JSON, maps print as
// `map[k:v]` and sort their keys. JS values carry no such distinction, so this
// file is the one place that decides it:
//
//   - objects registered with goStruct(), and class instances, are strict
//     structs (missing fields are errors, like docker's formatter contexts);
//   - objects registered with goMap() are maps;
//   - other plain objects are guessed from their keys: Engine API structs
//     have exported CamelCase field names ("Hostname", "HostIp"), while maps
//     are keyed by data ("com.example.label", "80/tcp", "bridge"). A guessed
//     struct is still lenient about missing fields, because the daemon omits
//     fields Docker would have sent as zero values.

export type GoKind =
  | 'invalid' // undefined: a missing map key or no data
  | 'nil' // null: a nil pointer, slice or map
  | 'string'
  | 'int'
  | 'float'
  | 'bool'
  | 'slice'
  | 'map'
  | 'struct'
  | 'func';

const structNames = new WeakMap<object, string>();
const mapObjects = new WeakSet<object>();

/** Marks obj as a Go struct of the given type name (used in error messages). */
export function goStruct<T extends object>(obj: T, typeName: string): T {
  structNames.set(obj, typeName);
  return obj;
}

/** The type name given with goStruct(), if any. */
export function goStructName(obj: object): string | undefined {
  return structNames.get(obj);
}

/** Forgets a goStruct() mark; for callers that mark objects only while rendering. */
export function unmarkGoStruct(obj: object): void {
  structNames.delete(obj);
}

/** Marks obj as a Go map, whatever its keys look like. */
export function goMap<T extends object>(obj: T): T {
  mapObjects.add(obj);
  return obj;
}

const exportedIdent = /^[A-Z][A-Za-z0-9_]*$/;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** True for values whose missing fields must be reported as errors. */
export function isStrictStruct(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  return structNames.has(v) || (!isPlainObject(v) && !mapObjects.has(v));
}

export function goKind(v: unknown): GoKind {
  if (v === undefined) return 'invalid';
  if (v === null) return 'nil';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      // Integral numbers are Go ints (what the Engine API's counts and sizes
      // are); beyond int64 they can only have been floats.
      return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? 'int' : 'float';
    case 'function':
      return 'func';
  }
  if (Array.isArray(v)) return 'slice';
  const obj = v as object;
  if (mapObjects.has(obj)) return 'map';
  if (structNames.has(obj) || !isPlainObject(obj)) return 'struct';
  const keys = Object.keys(obj);
  return keys.length > 0 && keys.every((k) => exportedIdent.test(k)) ? 'struct' : 'map';
}

/** The Go type name used in error messages ("string", "[]interface {}", …). */
export function goTypeName(v: unknown): string {
  const named = v !== null && typeof v === 'object' ? structNames.get(v) : undefined;
  if (named) return named;
  switch (goKind(v)) {
    case 'invalid':
    case 'nil':
      return 'interface {}';
    case 'string':
      return 'string';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'bool':
      return 'bool';
    case 'slice':
      return '[]interface {}';
    case 'func':
      return 'func()';
    case 'map':
      return 'map[string]interface {}';
    case 'struct': {
      const ctor = (v as object).constructor;
      return ctor && ctor !== Object ? `*${ctor.name}` : 'struct';
    }
  }
}

/** Go's template truth: false, 0, nil, and empty strings, slices and maps are false. */
export function isTrue(v: unknown): boolean {
  switch (goKind(v)) {
    case 'invalid':
    case 'nil':
      return false;
    case 'string':
      return v !== '';
    case 'int':
    case 'float':
      return v !== 0 && v !== 0n;
    case 'bool':
      return v as boolean;
    case 'slice':
      return (v as unknown[]).length > 0;
    case 'map':
      return Object.keys(v as object).length > 0;
    default:
      return true; // structs and funcs are never "empty" in Go
  }
}

/**
 * Looks up a field or method by name. Plain objects only expose their own
 * keys (so `.toString` is not Object.prototype's); class instances also
 * expose their prototype chain up to, not including, Object.prototype.
 */
export function lookupField(obj: object, name: string): { found: boolean; value?: unknown } {
  if (isPlainObject(obj)) {
    return Object.hasOwn(obj, name) ? { found: true, value: obj[name] } : { found: false };
  }
  for (let o: object | null = obj; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    if (Object.hasOwn(o, name)) return { found: true, value: (obj as Record<string, unknown>)[name] };
  }
  return { found: false };
}

/** Keys in the order Go would visit them: sorted for maps, declared order for structs. */
export function goKeys(obj: object): string[] {
  const keys = Object.keys(obj);
  return goKind(obj) === 'map' ? keys.sort(compareGoStrings) : keys;
}

/** Go compares strings bytewise; for UTF-16 this matches except around surrogates. */
export function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
