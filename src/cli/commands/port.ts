// berth port CONTAINER [PRIVATE_PORT[/PROTO]]
import { RangeArgs, type BerthCommand } from '../command';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = 'CONTAINER [PRIVATE_PORT[/PROTO]]';
  cmd.argRule = RangeArgs(1, 2);
  cmd.handle(async (cli, args) => {
    const c = await cli.client().containers.inspect(args[0]);
    const ports = (c.NetworkSettings?.Ports ?? {}) as Record<string, { HostIp: string; HostPort: string }[] | null>;
    const addr = (b: { HostIp: string; HostPort: string }) => `${b.HostIp.includes(':') ? `[${b.HostIp}]` : b.HostIp}:${b.HostPort}`;
    if (args[1]) {
      let [port, proto] = args[1].split('/');
      proto ||= 'tcp';
      const binds = ports[`${port}/${proto}`];
      if (!binds?.length) throw new Error(`Error: No public port '${port}/${proto}' published for ${args[0]}`);
      cli.print(binds.map(addr).join('\n'));
      return;
    }
    const lines: string[] = [];
    const keys = Object.keys(ports).sort((a, b) => Number(a.split('/')[0]) - Number(b.split('/')[0]) || a.localeCompare(b));
    for (const k of keys) for (const b of ports[k] ?? []) lines.push(`${k} -> ${addr(b)}`);
    if (lines.length) cli.print(lines.join('\n'));
  });
}
