// berth compose top: the processes of each running container of the
// services, the container's name over a ps table, as compose prints them.
import type { BerthCommand } from '../../command';
import { topTable } from '../../commands/top';
import { projectOf } from '../project-options';
import { nameOf } from '../resources';
import { selectContainers, servicesOf } from '../select';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[SERVICES...]';
  cmd.handle(async (cli, args) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const list = (await selectContainers(cli, p, servicesOf(p, args))).sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    for (const c of list) {
      cli.out.write(`${nameOf(c)}\n${topTable(await cli.client().containers.top(c.Id), 4)}\n`);
    }
    return 0;
  });
}
