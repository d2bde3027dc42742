// Variable interpolation as the Compose Specification defines it: $VAR and
// ${VAR}, ${VAR:-default} / ${VAR-default}, ${VAR:?error} / ${VAR?error},
// ${VAR:+alt} / ${VAR+alt} (defaults may hold further ${...}), and $$ for a
// literal $. Applied to every string value of a file, never to keys.

export type Lookup = (name: string) => string | undefined;

export class InterpolationError extends Error {}

/** `warn` hears each variable that is used but not set (compose: "Defaulting to a blank string"). */
export function interpolate(text: string, lookup: Lookup, warn: (name: string) => void = () => {}): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closing(text, i + 2);
      if (end < 0) throw new InterpolationError(`Invalid template: "${text}"`);
      out += braced(text.slice(i + 2, end), text, lookup, warn);
      i = end + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) {
      // A lone $ (as in "cost: 5$") stays as written.
      out += '$';
      i++;
      continue;
    }
    out += value(m[0], lookup, warn);
    i += 1 + m[0].length;
  }
  return out;
}

/** The index of the "}" that closes a "${" whose body starts at `from`, nested ones skipped. */
function closing(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '$' && text[j + 1] === '{') {
      depth++;
      j++;
    } else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function value(name: string, lookup: Lookup, warn: (name: string) => void): string {
  const v = lookup(name);
  if (v === undefined) {
    warn(name);
    return '';
  }
  return v;
}

function braced(body: string, whole: string, lookup: Lookup, warn: (name: string) => void): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) throw new InterpolationError(`Invalid template: "${whole}"`);
  const [, name, op, arg = ''] = m;
  const v = lookup(name);
  const unsetOrEmpty = v === undefined || v === '';
  switch (op) {
    case undefined:
      return value(name, lookup, warn);
    case ':-':
      return unsetOrEmpty ? interpolate(arg, lookup, warn) : v!;
    case '-':
      return v === undefined ? interpolate(arg, lookup, warn) : v;
    case ':?':
      if (unsetOrEmpty) throw new InterpolationError(`required variable ${name} is missing a value: ${interpolate(arg, lookup, warn)}`);
      return v!;
    case '?':
      if (v === undefined) throw new InterpolationError(`required variable ${name} is missing a value: ${interpolate(arg, lookup, warn)}`);
      return v;
    case ':+':
      return unsetOrEmpty ? '' : interpolate(arg, lookup, warn);
    case '+':
      return v === undefined ? '' : interpolate(arg, lookup, warn);
    default:
      throw new InterpolationError(`Invalid template: "${whole}"`);
  }
}

/** Every string value in a parsed file, interpolated (keys as they are). */
export function interpolateTree(node: unknown, lookup: Lookup, warn: (name: string) => void): unknown {
  if (typeof node === 'string') return interpolate(node, lookup, warn);
  if (Array.isArray(node)) return node.map((x) => interpolateTree(x, lookup, warn));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = interpolateTree(v, lookup, warn);
    return out;
  }
  return node;
}
