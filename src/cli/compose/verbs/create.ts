// berth compose create: what `up --no-start` does — networks, volumes,
// images and the services' containers, none of them started.
import type { BerthCommand } from '../../command';
import { StatusError } from '../../errors';
import { bringUp, wantedServices } from '../bring-up';
import { projectOf } from '../project-options';
import { stepPrinter } from '../resources';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd
    .flag('--build', 'Build images before starting containers')
    .flag('--force-recreate', "Recreate containers even if their configuration and image haven't changed")
    .flag('--no-recreate', "If containers already exist, don't recreate them")
    .flag('--remove-orphans', 'Remove containers for services not defined in the Compose file');
  cmd.handle(async (cli, args, o) => {
    if (o.forceRecreate && o.noRecreate) throw new StatusError(1, '--force-recreate and --no-recreate are incompatible');
    const p = projectOf(cmd, (m) => cli.printErr(m));
    await bringUp(cli, p, wantedServices(p, args, false), stepPrinter(cli), {
      forceRecreate: !!o.forceRecreate,
      noRecreate: !!o.noRecreate,
      start: false,
      build: !!o.build,
      removeOrphans: !!o.removeOrphans,
    });
    return 0;
  });
}
