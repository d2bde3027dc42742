// IPv6 addresses and CIDR blocks as 128-bit BigInts: parsing (with "::" and
// a dotted IPv4 tail), RFC 5952 formatting (the form Go's net.IP prints and
// dockerd shows back), containment and overlap. Pure, so unit-tested.

export interface Cidr6 {
  base: bigint;
  prefix: number;
}

const ALL = (1n << 128n) - 1n;

export function parseIp6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.length > 45) return undefined;
  let text = s;
  // A dotted IPv4 tail (::ffff:10.0.0.1) is two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const o = v4.slice(1).map(Number);
    if (o.some((x) => x > 255)) return undefined;
    text = text.slice(0, v4.index) + `${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

/** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups (the first of equals) as "::". */
export function formatIp6(n: bigint): string {
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (a: number[]) => a.map((x) => x.toString(16)).join(':');
  if (best < 0) return hex(g);
  return `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

export function mask6(prefix: number): bigint {
  return prefix === 0 ? 0n : (ALL << BigInt(128 - prefix)) & ALL;
}

/** "fd00:1::/64" (host bits allowed: "fd00:1::1/64" gives the address too). */
export function parseCidr6(s: string): { cidr: Cidr6; ip: bigint } | undefined {
  const m = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const ip = parseIp6(m[1]);
  const prefix = Number(m[2]);
  if (ip === undefined || prefix > 128) return undefined;
  return { cidr: { base: ip & mask6(prefix), prefix }, ip };
}

export function formatCidr6(c: Cidr6): string {
  return `${formatIp6(c.base)}/${c.prefix}`;
}

export function contains6(c: Cidr6, ip: bigint): boolean {
  return (ip & mask6(c.prefix)) === c.base;
}

export function overlaps6(a: Cidr6, b: Cidr6): boolean {
  return contains6(a, b.base) || contains6(b, a.base);
}

/** The last address of the block. */
export function last6(c: Cidr6): bigint {
  return c.base | (~mask6(c.prefix) & ALL);
}

/** Whether the text is an IPv6 (rather than IPv4) address or CIDR: it has a colon. */
export function isV6Text(s: string): boolean {
  return s.includes(':');
}
