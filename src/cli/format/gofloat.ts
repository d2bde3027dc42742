// Go's strconv.FormatFloat for float64, verbs e, E, f, g, G.
//
// JS's toPrecision/toFixed round halfway cases up, Go rounds them to even
// using the exact decimal value of the double; "%.3g" of 1.125 is "1.12" in
// Go and "1.13" in JS. docker's sizes ("1.12kB") go through "%.3g", so we
// compute the exact decimal expansion with BigInt and round it the Go way.

interface Decimal {
  d: string; // significant digits, no leading or trailing zeros ('' for zero)
  dp: number; // position of the decimal point: value = 0.d × 10^dp
}

/** The exact decimal expansion of a finite, non-negative double. */
function exactDecimal(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let exp: number;
  if (biased === 0) {
    exp = -1074; // subnormal
  } else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    // mant / 2^k == mant * 5^k / 10^k
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trim({ d: digits, dp });
}

/** The shortest decimal that reads back as x (what JS and Go both print by default). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const [mant, e] = x.toExponential().split('e');
  return trim({ d: mant.replace('.', ''), dp: Number(e) + 1 });
}

function trim(dec: Decimal): Decimal {
  let d = dec.d.replace(/0+$/, '');
  let dp = dec.dp;
  const lead = d.length - d.replace(/^0+/, '').length;
  d = d.slice(lead);
  dp -= lead;
  return d === '' ? { d: '', dp: 0 } : { d, dp };
}

/** Rounds to nd significant digits; exact halves go to even, as in strconv. */
function round(dec: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= dec.d.length) return dec;
  let up: boolean;
  if (dec.d[nd] === '5' && nd + 1 === dec.d.length) {
    up = nd > 0 && (dec.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else {
    up = dec.d[nd] >= '5';
  }
  if (!up) return trim({ d: dec.d.slice(0, nd), dp: dec.dp });
  const digits = dec.d.slice(0, nd).split('');
  let i = nd - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return { d: '1', dp: dec.dp + 1 };
  digits[i] = String.fromCharCode(digits[i].charCodeAt(0) + 1);
  return trim({ d: digits.slice(0, i + 1).join(''), dp: dec.dp });
}

function digitAt(dec: Decimal, i: number): string {
  return i >= 0 && i < dec.d.length ? dec.d[i] : '0';
}

function fmtE(dec: Decimal, prec: number, e: 'e' | 'E'): string {
  let s = dec.d === '' ? '0' : dec.d[0];
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(dec, i);
  }
  const exp = dec.d === '' ? 0 : dec.dp - 1;
  const abs = Math.abs(exp);
  return s + e + (exp < 0 ? '-' : '+') + (abs < 10 ? '0' : '') + abs;
}

function fmtF(dec: Decimal, prec: number): string {
  let s = '';
  if (dec.dp > 0) {
    for (let i = 0; i < dec.dp; i++) s += digitAt(dec, i);
  } else {
    s = '0';
  }
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(dec, dec.dp + i);
  }
  return s;
}

export type FloatVerb = 'e' | 'E' | 'f' | 'g' | 'G';

/** strconv.FormatFloat(x, verb, prec, 64); prec -1 means the shortest exact form. */
export function formatFloat(x: number, verb: FloatVerb, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const sign = neg ? '-' : '';
  const abs = Math.abs(x);
  const shortest = prec < 0;
  let dec: Decimal;
  if (shortest) {
    dec = shortestDecimal(abs);
    prec = verb === 'e' || verb === 'E' ? dec.d.length - 1 : verb === 'f' ? Math.max(dec.d.length - dec.dp, 0) : dec.d.length;
  } else {
    dec = exactDecimal(abs);
    if (verb === 'e' || verb === 'E') dec = round(dec, prec + 1);
    else if (verb === 'f') dec = round(dec, dec.dp + prec);
    else {
      if (prec === 0) prec = 1;
      dec = round(dec, prec);
    }
  }
  if (verb === 'e' || verb === 'E') return sign + fmtE(dec, prec, verb);
  if (verb === 'f') return sign + fmtF(dec, prec);
  // %g: %e for large or small exponents, else %f; trailing zeros dropped.
  const nd = dec.d.length;
  let eprec = prec;
  if (eprec > nd && nd >= dec.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = dec.dp - 1;
  if (nd !== 0 && (exp < -4 || exp >= eprec)) {
    return sign + fmtE(dec, Math.min(prec, nd) - 1, verb === 'g' ? 'e' : 'E');
  }
  if (prec > dec.dp) prec = nd;
  return sign + fmtF(dec, Math.max(prec - dec.dp, 0));
}
