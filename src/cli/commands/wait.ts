// berth wait CONTAINER [CONTAINER...]
import { MinArgs, type BerthCommand } from '../command';
import { errorText } from '../errors';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = 'CONTAINER [CONTAINER...]';
  cmd.argRule = MinArgs(1);
  cmd.handle(async (cli, args) => {
    const client = cli.client();
    const errors: string[] = [];
    for (const name of args) {
      try {
        const r = await client.containers.wait(name);
        if (r.Error?.Message) errors.push(r.Error.Message);
        else cli.print(String(r.StatusCode));
      } catch (err) {
        errors.push(errorText(err));
      }
    }
    if (errors.length) throw new Error(errors.join('\n'));
  });
}
