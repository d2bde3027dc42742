// berth pause CONTAINER [CONTAINER...]
import { MinArgs, type BerthCommand } from '../command';
import { errorText } from '../errors';
import { eachParallel } from '../multi';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = 'CONTAINER [CONTAINER...]';
  cmd.argRule = MinArgs(1);
  cmd.handle(async (cli, args) => {
    const client = cli.client();
    const results = await eachParallel(args, (id) => client.containers.pause(id));
    const errors: string[] = [];
    results.forEach((r, i) => (r.ok ? cli.print(args[i]) : errors.push(errorText(r.error))));
    if (errors.length) throw new Error(errors.join('\n'));
  });
}
