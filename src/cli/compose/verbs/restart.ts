// berth compose restart: the services' containers (stopped ones too)
// restarted, in start order; the file is not re-read into new containers
// (that is `up`'s job), the existing ones are restarted as they are.
import type { BerthCommand } from '../../command';
import { lifecycleVerb } from '../lifecycle';

export function setup(cmd: BerthCommand): void {
  cmd
    .value('-t, --timeout <int>', 'Specify a shutdown timeout in seconds', Number)
    .flag('--no-deps', "Don't restart dependent services");
  lifecycleVerb(cmd, {
    state: 'all',
    action: (o) => ({ doing: 'Restarting', done: 'Started', run: (cli, c) => cli.client().containers.restart(c.Id, { timeout: o.timeout as number | undefined }) }),
  });
}
