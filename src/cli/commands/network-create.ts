// berth network create [OPTIONS] NETWORK
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

/** docker/cli's consolidateIpam: each gateway and ip-range belongs to the subnet that contains it, given in order. */
function ipam(subnets: string[], ranges: string[], gateways: string[]): IPAMConfig[] {
  if (subnets.length < ranges.length || subnets.length < gateways.length) {
    throw new Error('every ip-range or gateway must have a corresponding subnet');
  }
  return subnets.map((s, i) => ({ Subnet: s, ...(ranges[i] ? { IPRange: ranges[i] } : {}), ...(gateways[i] ? { Gateway: gateways[i] } : {}) }));
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
    const config = ipam((o.subnet as string[]) ?? [], (o.ipRange as string[]) ?? [], (o.gateway as string[]) ?? []);
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
