// berth network connect [OPTIONS] NETWORK CONTAINER
import { ExactArgs, type BerthCommand } from '../command';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] NETWORK CONTAINER';
  cmd.argRule = ExactArgs(2);
  cmd
    .list('--alias <strings>', 'Add network-scoped alias for the container')
    .list('--driver-opt <strings>', 'driver options for the network')
    .value('--ip <string>', 'IPv4 address (e.g., "172.30.100.104")')
    .value('--ip6 <string>', 'IPv6 address (e.g., "2001:db8::33")')
    .list('--link <list>', 'Add link to another container')
    .list('--link-local-ip <strings>', 'Add a link-local address for the container');
  cmd.handle(async (cli, args, o) => {
    const ip = o.ip as string | undefined;
    const ip6 = o.ip6 as string | undefined;
    const linkLocal = (o.linkLocalIp as string[] | undefined) ?? [];
    const aliases = (o.alias as string[] | undefined) ?? [];
    const driverOpts = (o.driverOpt as string[] | undefined) ?? [];
    await cli.client().networks.connect(args[0], args[1], {
      IPAMConfig: ip || ip6 || linkLocal.length ? { IPv4Address: ip || undefined, IPv6Address: ip6 || undefined, LinkLocalIPs: linkLocal.length ? linkLocal : undefined } : undefined,
      DriverOpts: driverOpts.length ? Object.fromEntries(driverOpts.map((kv) => [kv.split('=')[0], kv.slice(kv.indexOf('=') + 1)])) : undefined,
      Aliases: aliases.length ? aliases : undefined,
      Links: (o.link as string[] | undefined) ?? undefined,
    });
  });
}
