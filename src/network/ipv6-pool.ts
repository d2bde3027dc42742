// A network's IPv6 pool from its IPAM config: the subnet (there are no
// default IPv6 pools, as in dockerd 20.10), gateway (the first address
// unless given), ip-range and auxiliary addresses, checked as dockerd checks
// them, plus the overlap refusal against the other networks' IPv6 pools.
import { forbidden, invalidArgument } from '../errdefs';
import { contains6, formatCidr6, formatIp6, overlaps6, parseCidr6, parseIp6 } from './ipv6';
import type { NetworkRecord } from './types';

export interface Ipv6PoolConfig {
  Subnet?: string;
  Gateway?: string;
  IPRange?: string;
  AuxiliaryAddresses?: Record<string, string> | null;
}

export type Ipv6Pool = Pick<NetworkRecord, 'subnet6' | 'gateway6' | 'ipRange6' | 'noUserGateway6' | 'auxAddresses6'>;

/** Whether endpoints on the network get an IPv6 address: an IPv6 pool and EnableIPv6, as dockerd. */
export function hasIpv6(n: NetworkRecord): boolean {
  return !!(n.enableIPv6 && n.subnet6);
}

export function ipv6Pool(c: Ipv6PoolConfig, networks: NetworkRecord[]): Ipv6Pool {
  const s = parseCidr6(c.Subnet ?? '');
  if (!s) throw invalidArgument(`invalid subnet ${c.Subnet} : invalid CIDR address: ${c.Subnet}`);
  const subnet = s.cidr;
  if (networks.some((n) => n.subnet6 && overlaps6(parseCidr6(n.subnet6)!.cidr, subnet))) {
    throw forbidden('Pool overlaps with other one on this address space');
  }
  let gateway = subnet.base + 1n;
  if (c.Gateway) {
    const g = parseIp6(c.Gateway);
    if (g === undefined || !contains6(subnet, g)) throw invalidArgument(`no matching subnet for gateway ${c.Gateway}`);
    gateway = g;
  }
  let range: string | undefined;
  if (c.IPRange) {
    const r = parseCidr6(c.IPRange);
    if (!r) throw invalidArgument(`invalid ip-range ${c.IPRange} : invalid CIDR address: ${c.IPRange}`);
    if (!contains6(subnet, r.cidr.base) || r.cidr.prefix < subnet.prefix) throw invalidArgument(`no matching subnet for range ${c.IPRange}`);
    range = formatCidr6(r.cidr);
  }
  for (const [k, v] of Object.entries(c.AuxiliaryAddresses ?? {})) {
    const ip = parseIp6(v);
    if (ip === undefined || !contains6(subnet, ip)) throw forbidden(`auxiliary address: (${k}:${v}) must belong to the master pool: ${formatCidr6(subnet)}`);
  }
  return {
    subnet6: formatCidr6(subnet),
    gateway6: formatIp6(gateway),
    ipRange6: range,
    noUserGateway6: !c.Gateway,
    auxAddresses6: c.AuxiliaryAddresses && Object.keys(c.AuxiliaryAddresses).length ? c.AuxiliaryAddresses : undefined,
  };
}
