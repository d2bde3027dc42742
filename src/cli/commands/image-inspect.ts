// berth image inspect [OPTIONS] IMAGE [IMAGE...]
import { MinArgs, type BerthCommand } from '../command';
import { inspectAll } from '../inspect';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] IMAGE [IMAGE...]';
  cmd.argRule = MinArgs(1);
  cmd
    .value('-f, --format <string>', 'Format output using a custom template')
    .value('--platform <string>', 'Inspect a specific platform of the multi-platform image.');
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    await inspectAll(cli, args, o.format as string | undefined, (name) => client.images.inspectRaw(name));
  });
}
