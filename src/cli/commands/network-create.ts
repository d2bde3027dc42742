// berth network create [OPTIONS] NETWORK
import { BlockList, isIPv6 } from 'node:net';
import type { IPAMConfig } from '../../api/types';
import { ExactArgs, type BerthCommand } from '../command';

function toMap(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list ?? []) {
    const i = kv.indexOf('=');
    out[i < 0 ? kv : kv.slice(0, i)] = i < 0 ? '' : kv.slice(i + 1);
  }
  return out;
}

/** Whether `ip` (an address, or a CIDR's base) lies in `subnet`; either family. */
function inSubnet(subnet: string, ip: string): boolean {
  const [base, len] = subnet.split('/');
  const addr = ip.split('/')[0];
  const family = isIPv6(base) ? 'ipv6' : 'ipv4';
  if ((family === 'ipv6') !== isIPv6(addr)) return false;
  try {
    const b = new BlockList();
    b.addSubnet(base, Number(len), family);
    return b.check(addr, family);
  } catch {
    return false;
  }
}

/**
 * docker/cli's consolidateIpam: each ip-range, gateway and aux-address goes
 * with the subnet that contains it (IPv4 and IPv6 subnets side by side),
 * with the CLI's own errors for what has no subnet or is given twice.
 */
export function ipam(subnets: string[], ranges: string[], gateways: string[], aux: Record<string, string> = {}): IPAMConfig[] {
  if (subnets.length < ranges.length || subnets.length < gateways.length) {
    throw new Error('every ip-range or gateway must have a corresponding subnet');
  }
  for (const [i, a] of subnets.entries()) {
    for (const b of subnets.slice(i + 1)) {
      if (inSubnet(a, b) || inSubnet(b, a)) throw new Error('multiple overlapping subnet configuration is not supported');
    }
  }
  const out: IPAMConfig[] = subnets.map((s) => ({ Subnet: s }));
  const place = (what: 'range' | 'gateway', list: string[], key: 'IPRange' | 'Gateway') => {
    for (const v of list) {
      const c = out.find((x) => inSubnet(x.Subnet!, v));
      if (!c) throw new Error(`no matching subnet for ${what} ${v}`);
      if (c[key]) throw new Error(what === 'range' ? `cannot configure multiple ranges (${v}, ${c[key]}) on the same subnet (${c.Subnet})` : `cannot configure multiple gateways (${v}, ${c[key]}) for the same subnet (${c.Subnet})`);
      c[key] = v;
    }
  };
  place('range', ranges, 'IPRange');
  place('gateway', gateways, 'Gateway');
  for (const [k, v] of Object.entries(aux)) {
    const c = out.find((x) => inSubnet(x.Subnet!, v));
    if (!c) throw new Error(`no matching subnet for aux-address ${v}`);
    c.AuxiliaryAddresses = { ...(c.AuxiliaryAddresses ?? {}), [k]: v };
  }
  return out;
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] NETWORK';
  cmd.argRule = ExactArgs(1);
  cmd
    .flag('--attachable', 'Enable manual container attachment')
    .list('--aux-address <map>', 'Auxiliary IPv4 or IPv6 addresses used by Network driver')
    .value('-d, --driver <string>', 'Driver to manage the Network (default "bridge")', undefined, { default: 'bridge' })
    .list('--gateway <strings>', 'IPv4 or IPv6 Gateway for the master subnet')
    .flag('--internal', 'Restrict external access to the network')
    .list('--ip-range <strings>', 'Allocate container ip from a sub-range')
    .value('--ipam-driver <string>', 'IP Address Management Driver (default "default")', undefined, { default: 'default' })
    .flag('--ipv6', 'Enable or disable IPv6 networking')
    .list('--label <list>', 'Set metadata on a network')
    .list('-o, --opt <map>', 'Set driver specific options')
    .list('--subnet <strings>', 'Subnet in CIDR format that represents a network segment');
  cmd.handle(async (cli, args, o) => {
    const config = ipam((o.subnet as string[]) ?? [], (o.ipRange as string[]) ?? [], (o.gateway as string[]) ?? [], toMap(o.auxAddress as string[]));
    const r = await cli.client().networks.create({
      Name: args[0],
      Driver: (o.driver as string) || 'bridge',
      Internal: !!o.internal,
      Attachable: !!o.attachable,
      EnableIPv6: !!o.ipv6,
      IPAM: { Driver: (o.ipamDriver as string) || 'default', Config: config, Options: {} },
      Options: toMap(o.opt as string[]),
      Labels: toMap(o.label as string[]),
    });
    cli.print(r.Id);
  });
}
