// Go's strconv/time parsing rules, so that flag values are accepted and
// rejected exactly as the docker CLI (pflag + strconv) does, with the same
// error texts (they appear in "invalid argument ... flag: <error>").

/** strconv.ParseInt(s, 0, bits) as pflag's int flags use it. */
export function parseGoInt(s: string, bits = 64): number {
  const fail = (why: string): never => {
    throw new Error(`strconv.ParseInt: parsing ${goQuote(s)}: ${why}`);
  };
  let body = s;
  let neg = false;
  if (body.startsWith('+') || body.startsWith('-')) {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  let base = 10;
  if (/^0[xX]/.test(body)) {
    base = 16;
    body = body.slice(2);
  } else if (/^0[oO]/.test(body)) {
    base = 8;
    body = body.slice(2);
  } else if (/^0[bB]/.test(body)) {
    base = 2;
    body = body.slice(2);
  } else if (/^0\d/.test(body)) {
    base = 8;
    body = body.slice(1);
  }
  // base-0 parsing allows underscores between digits only
  if (/^_|_$|__/.test(body)) fail('invalid syntax');
  body = body.replace(/_/g, '');
  const digits = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^\d+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2 | 8 | 10 | 16];
  if (!body || !digits.test(body)) fail('invalid syntax');
  let v = 0n;
  for (const ch of body.toLowerCase()) v = v * BigInt(base) + BigInt(Number.parseInt(ch, 16));
  if (neg) v = -v;
  const max = (1n << BigInt(bits - 1)) - 1n;
  const min = -(1n << BigInt(bits - 1));
  if (v > max || v < min) fail('value out of range');
  return Number(v);
}

/** strconv.ParseUint(s, 10, bits) */
export function parseGoUint(s: string, bits = 64, fn = 'ParseUint'): number {
  if (!/^\d+$/.test(s)) throw new Error(`strconv.${fn}: parsing ${goQuote(s)}: invalid syntax`);
  const v = BigInt(s);
  if (v > (1n << BigInt(bits)) - 1n) throw new Error(`strconv.${fn}: parsing ${goQuote(s)}: value out of range`);
  return Number(v);
}

/** strconv.Atoi */
export function parseAtoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new Error(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  return n;
}

/** strconv.ParseBool */
export function parseGoBool(s: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
}

/** strconv.ParseFloat(s, 64): returns NaN-free numbers or throws Go's error. */
export function parseGoFloat(s: string): number {
  const t = s.replace(/_/g, '');
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) && !/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) {
    throw new Error(`strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`);
  }
  return Number(t);
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** time.ParseDuration; returns milliseconds. */
export function parseGoDuration(s: string): number {
  const bad = (): never => {
    throw new Error(`time: invalid duration ${goQuote(s)}`);
  };
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (!rest) bad();
  let total = 0;
  while (rest) {
    const m = /^(\d*\.?\d*)([a-zµμ]+)/.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') bad();
    const unit = DURATION_UNITS[m![2]];
    if (unit === undefined) throw new Error(`time: unknown unit ${goQuote(m![2])} in duration ${goQuote(s)}`);
    total += Number(m![1]) * unit;
    rest = rest.slice(m![0].length);
  }
  return sign * total;
}

/**
 * --cpus: a rational number ("1.5", "3/2") times 1e9, which must come out
 * whole (Go's big.Rat, as docker's NanoCPUs flag does).
 */
export function parseNanoCpus(s: string): number {
  const notRational = new Error(`failed to parse ${s} as a rational number`);
  let num: bigint;
  let den: bigint;
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(s);
  if (frac) {
    num = BigInt(frac[1]);
    den = BigInt(frac[2]);
    if (den === 0n) throw notRational;
  } else {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!m || (!m[2] && !m[3])) throw notRational;
    const digits = (m[2] || '') + (m[3] || '');
    let exp = -(m[3] || '').length + (m[4] ? Number(m[4]) : 0);
    num = BigInt(digits || '0');
    den = 1n;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den = 10n ** BigInt(-exp);
    if (m[1] === '-') num = -num;
    exp = 0;
  }
  const nano = num * 1_000_000_000n;
  if (nano % den !== 0n) throw new Error('value is too precise');
  return Number(nano / den);
}

/** Go's %q for plain strings (what strconv error messages use). */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u007f/g, '\\x7f');
}
