// berth volume rm [OPTIONS] VOLUME [VOLUME...]
import { MinArgs, type BerthCommand } from '../command';
import { errorText } from '../errors';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] VOLUME [VOLUME...]';
  cmd.argRule = MinArgs(1);
  cmd.flag('-f, --force', 'Force the removal of one or more volumes');
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    const errors: string[] = [];
    for (const name of args) {
      try {
        await client.volumes.remove(name, { force: !!o.force });
        cli.print(name);
      } catch (err) {
        errors.push(errorText(err));
      }
    }
    if (errors.length) throw new Error(errors.join('\n'));
  });
}
