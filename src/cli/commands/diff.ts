// berth diff CONTAINER
import { ExactArgs, type BerthCommand } from '../command';

const KINDS = ['C', 'A', 'D'];

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = 'CONTAINER';
  cmd.argRule = ExactArgs(1);
  cmd.handle(async (cli, args) => {
    for (const c of await cli.client().containers.changes(args[0])) cli.print(`${KINDS[c.Kind] ?? '?'} ${c.Path}`);
  });
}
