// IPv4 addresses and CIDR blocks as numbers: parsing, containment, overlap,
// and Docker's MAC address derived from an IP (02:42 + the four octets).
// Pure, so the subnet and --ip validation is unit-tested.

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

export function parseIp(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return undefined;
  return ((o[0] << 24) >>> 0) + (o[1] << 16) + (o[2] << 8) + o[3];
}

export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** "10.1.0.0/16" (host bits allowed: "10.1.0.1/16" gives the address too). */
export function parseCidr(s: string): { cidr: Cidr; ip: number } | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(s);
  if (!m) return undefined;
  const ip = parseIp(m[1]);
  const prefix = Number(m[2]);
  if (ip === undefined || prefix > 32) return undefined;
  return { cidr: { base: (ip & mask(prefix)) >>> 0, prefix }, ip };
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.base)}/${c.prefix}`;
}

export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function contains(c: Cidr, ip: number): boolean {
  return ((ip & mask(c.prefix)) >>> 0) === c.base;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b.base) || contains(b, a.base);
}

/** Docker's MAC for an IPv4 endpoint: 02:42 followed by the address's octets. */
export function macFor(ip: number): string {
  const o = [0x02, 0x42, ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255];
  return o.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/**
 * The first /16 from 172.17.0.0 upward (then 172.18 … 172.31, then 192.168.x.0/20
 * like Docker's default pools) that overlaps none of `used`.
 */
export function firstFreePool(used: Cidr[]): Cidr | undefined {
  const pools: Cidr[] = [];
  for (let b = 17; b <= 31; b++) pools.push({ base: parseIp(`172.${b}.0.0`)!, prefix: 16 });
  for (let c = 0; c < 256; c += 16) pools.push({ base: parseIp(`192.168.${c}.0`)!, prefix: 20 });
  return pools.find((p) => !used.some((u) => overlaps(p, u)));
}
