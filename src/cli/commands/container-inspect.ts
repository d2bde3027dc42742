// berth container inspect [OPTIONS] CONTAINER [CONTAINER...]
import { MinArgs, type BerthCommand } from '../command';
import { inspectAll } from '../inspect';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER [CONTAINER...]';
  cmd.argRule = MinArgs(1);
  cmd.value('-f, --format <string>', 'Format output using a custom template').flag('-s, --size', 'Display total file sizes');
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    await inspectAll(cli, args, o.format as string | undefined, (name) => client.containers.inspectRaw(name, { size: !!o.size }));
  });
}
