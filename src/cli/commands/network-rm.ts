// berth network rm NETWORK [NETWORK...]
import { MinArgs, type BerthCommand } from '../command';
import { errorText, isNotFound } from '../errors';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = 'NETWORK [NETWORK...]';
  cmd.argRule = MinArgs(1);
  cmd.flag('-f, --force', 'Do not error if the network does not exist');
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    const errors: string[] = [];
    for (const name of args) {
      try {
        await client.networks.remove(name);
        cli.print(name);
      } catch (err) {
        if (o.force && isNotFound(err)) continue;
        errors.push(errorText(err));
      }
    }
    if (errors.length) throw new Error(errors.join('\n'));
  });
}
