// berth volume create [OPTIONS] [VOLUME]
import { MaxArgs, type BerthCommand } from '../command';
import { kvToMap } from '../opts/kv';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [VOLUME]';
  cmd.argRule = MaxArgs(1);
  cmd
    .value('-d, --driver <string>', 'Specify volume driver name (default "local")')
    .list('--label <list>', 'Set metadata for a volume')
    .value('--name <string>', 'Specify volume name', undefined, { hidden: true })
    .list('-o, --opt <map>', 'Set driver specific options (default map[])');
  cmd.handle(async (cli, args, o) => {
    const flagName = o.name as string | undefined;
    if (args[0] && flagName && args[0] !== flagName) {
      throw new Error(`conflicting options: either specify --name or provide positional arg, not both`);
    }
    const v = await cli.client().volumes.create({
      Name: args[0] ?? flagName ?? '',
      Driver: (o.driver as string | undefined) ?? 'local',
      DriverOpts: kvToMap((o.opt as string[] | undefined) ?? []),
      Labels: kvToMap((o.label as string[] | undefined) ?? []),
    });
    cli.print(v.Name);
  });
}
