// berth network disconnect [OPTIONS] NETWORK CONTAINER
import { ExactArgs, type BerthCommand } from '../command';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] NETWORK CONTAINER';
  cmd.argRule = ExactArgs(2);
  cmd.flag('-f, --force', 'Force the container to disconnect from a network');
  cmd.handle(async (cli, args, o) => {
    await cli.client().networks.disconnect(args[0], args[1], !!o.force);
  });
}
