// berth network inspect [OPTIONS] NETWORK [NETWORK...]
import { MinArgs, type BerthCommand } from '../command';
import { inspectAll } from '../inspect';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] NETWORK [NETWORK...]';
  cmd.argRule = MinArgs(1);
  cmd.value('-f, --format <string>', 'Format output using a custom template').flag('-v, --verbose', 'Verbose output for diagnostics');
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    await inspectAll(cli, args, o.format as string | undefined, (name) => client.networks.inspectRaw(name));
  });
}
