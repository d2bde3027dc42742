// berth compose unpause: the paused containers of the services thawed.
import type { BerthCommand } from '../../command';
import { lifecycleVerb } from '../lifecycle';

export function setup(cmd: BerthCommand): void {
  lifecycleVerb(cmd, { action: () => ({ doing: 'Unpausing', done: 'Unpaused', run: (cli, c) => cli.client().containers.unpause(c.Id) }) });
}
