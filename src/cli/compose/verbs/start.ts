// berth compose start: the services' existing containers started in
// dependency order, each service after what its depends_on waits for;
// a service without containers is compose's error (start creates nothing,
// `up` does).
import type { BerthCommand } from '../../command';
import { waitFor } from '../converge';
import { eachContainer, unlessNotModified } from '../lifecycle';
import { projectOf } from '../project-options';
import { stepPrinter } from '../resources';
import { selectContainers, servicesOf } from '../select';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[SERVICE...]';
  cmd.handle(async (cli, args) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const step = stepPrinter(cli);
    for (const svc of servicesOf(p, args)) {
      const list = await selectContainers(cli, p, [svc], { all: true });
      if (!list.length) throw new Error(`service "${svc}" has no container to start`);
      await waitFor(cli, p, p.services[svc]);
      const stopped = list.filter((c) => c.State !== 'running' && c.State !== 'paused');
      await eachContainer(cli, stopped, step, { doing: 'Starting', done: 'Started', run: (c2, c) => unlessNotModified(c2.client().containers.start(c.Id)) });
    }
    return 0;
  });
}
