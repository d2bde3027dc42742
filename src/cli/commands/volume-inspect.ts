// berth volume inspect [OPTIONS] VOLUME [VOLUME...]
import { MinArgs, type BerthCommand } from '../command';
import { inspectAll } from '../inspect';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] VOLUME [VOLUME...]';
  cmd.argRule = MinArgs(1);
  cmd.value('-f, --format <string>', 'Format output using a custom template');
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    await inspectAll(cli, args, o.format as string | undefined, (name) => client.volumes.inspectRaw(name));
  });
}
