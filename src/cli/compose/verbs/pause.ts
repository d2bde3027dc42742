// berth compose pause: the running containers of the services frozen (cgroup freezer).
import type { BerthCommand } from '../../command';
import { lifecycleVerb } from '../lifecycle';

export function setup(cmd: BerthCommand): void {
  lifecycleVerb(cmd, { action: () => ({ doing: 'Pausing', done: 'Paused', run: (cli, c) => cli.client().containers.pause(c.Id) }) });
}
