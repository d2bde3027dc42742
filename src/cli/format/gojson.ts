// Go's encoding/json output, for the template `json` function.
//
// Differences from JSON.stringify that show in docker's output: map keys are
// sorted (struct fields keep their order, see gotypes.ts), U+2028 and U+2029
// are always escaped, and <, > and & are escaped as \u003c, \u003e, \u0026
// when HTML escaping is on. docker's `json` template function turns HTML
// escaping off, but a formatter context's MarshalJSON (what `{{json .}}`
// prints for a `docker ps` row) uses json.Marshal, which leaves it on.

import { goKeys } from './gotypes.js';

/** Raised where Go's encoder would fail (NaN, functions, cycles). */
export class GoJSONError extends Error {
  override name = 'GoJSONError';
}

const marshalers = new WeakMap<object, () => string>();

/** Gives obj a MarshalJSON: its JSON is whatever fn returns, inserted as is. */
export function setMarshalJSON(obj: object, fn: () => string): void {
  marshalers.set(obj, fn);
}

export function getMarshalJSON(obj: object): (() => string) | undefined {
  return marshalers.get(obj);
}

export function clearMarshalJSON(obj: object): void {
  marshalers.delete(obj);
}

export interface GoJSONOptions {
  escapeHTML?: boolean;
}

export function goJSON(v: unknown, opts: GoJSONOptions = {}): string {
  return encode(v, opts.escapeHTML ?? true, new Set());
}

export function encodeString(s: string, escapeHTML: boolean): string {
  let out = JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/\\ud[89a-f][0-9a-f]{2}/g, '\\ufffd'); // lone surrogates: Go writes U+FFFD
  if (escapeHTML) out = out.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return out;
}

function encode(v: unknown, escapeHTML: boolean, seen: Set<object>): string {
  switch (typeof v) {
    case 'undefined':
      return 'null';
    case 'string':
      return encodeString(v, escapeHTML);
    case 'boolean':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'number':
      // JS switches to exponent form at the same thresholds as Go (1e-6, 1e21)
      // and writes exponents the same way ("1e-7", "1e+21").
      if (!Number.isFinite(v)) throw new GoJSONError(`json: unsupported value: ${v}`);
      return Object.is(v, -0) ? '-0' : String(v);
    case 'function':
    case 'symbol':
      throw new GoJSONError(`json: unsupported type: ${typeof v}`);
  }
  if (v === null) return 'null';
  const obj = v as object;
  if (seen.has(obj)) throw new GoJSONError('json: unsupported value: encountered a cycle');
  seen.add(obj);
  try {
    const marshal = marshalers.get(obj);
    if (marshal) return marshal();
    if (ArrayBuffer.isView(obj)) {
      return `"${Buffer.from(obj.buffer, obj.byteOffset, obj.byteLength).toString('base64')}"`;
    }
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return encode(toJSON.call(obj), escapeHTML, seen);
    if (Array.isArray(obj)) {
      return `[${obj.map((e) => (typeof e === 'function' ? 'null' : encode(e, escapeHTML, seen))).join(',')}]`;
    }
    const rec = obj as Record<string, unknown>;
    const parts: string[] = [];
    for (const k of goKeys(rec)) {
      const e = rec[k];
      if (e === undefined || typeof e === 'function') continue; // absent, or a method
      parts.push(`${encodeString(k, escapeHTML)}:${encode(e, escapeHTML, seen)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}
