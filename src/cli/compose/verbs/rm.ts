// berth compose rm: the services' stopped containers removed, after a
// confirmation unless -f; -s stops running ones first, -v takes their
// anonymous volumes too.
import type { BerthCommand } from '../../command';
import { confirm } from '../../prompt';
import { eachContainer, stopAction } from '../lifecycle';
import { projectOf } from '../project-options';
import { nameOf, stepPrinter } from '../resources';
import { selectContainers, servicesOf } from '../select';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd
    .flag('-f, --force', "Don't ask to confirm removal")
    .flag('-s, --stop', 'Stop the containers, if required, before removing')
    .flag('-v, --volumes', 'Remove any anonymous volumes attached to containers');
  cmd.handle(async (cli, args, o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const services = servicesOf(p, args);
    const step = stepPrinter(cli);
    if (o.stop) await eachContainer(cli, (await selectContainers(cli, p, services)).reverse(), step, stopAction());
    const stopped = (await selectContainers(cli, p, services, { all: true })).filter((c) => c.State !== 'running' && c.State !== 'paused');
    if (!stopped.length) {
      cli.printErr('No stopped containers');
      return 0;
    }
    const msg = `Going to remove ${stopped.map(nameOf).join(', ')}`;
    if (o.force) cli.print(msg);
    else if (!(await confirm(cli, msg))) return 0;
    await eachContainer(cli, stopped, step, {
      doing: 'Removing',
      done: 'Removed',
      run: (c2, c) => c2.client().containers.remove(c.Id, { force: !!o.force, volumes: !!o.volumes }),
    });
    return 0;
  });
}
