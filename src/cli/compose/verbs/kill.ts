// berth compose kill: a signal (SIGKILL unless -s) to the running
// containers of the services.
import type { BerthCommand } from '../../command';
import { killAction, lifecycleVerb } from '../lifecycle';

export function setup(cmd: BerthCommand): void {
  cmd.value('-s, --signal <string>', 'SIGNAL to send to the container', undefined, { default: 'SIGKILL' });
  lifecycleVerb(cmd, { reverse: true, action: (o) => killAction(o.signal as string) });
}
