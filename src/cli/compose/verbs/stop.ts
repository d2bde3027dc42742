// berth compose stop: the running containers of the services (all by
// default) stopped, dependents before what they depend on; kept for start.
import type { BerthCommand } from '../../command';
import { lifecycleVerb, stopAction } from '../lifecycle';

export function setup(cmd: BerthCommand): void {
  cmd.value('-t, --timeout <int>', 'Specify a shutdown timeout in seconds', Number);
  lifecycleVerb(cmd, { reverse: true, action: (o) => stopAction(o.timeout as number | undefined) });
}
