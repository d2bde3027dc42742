// berth kill [OPTIONS] CONTAINER [CONTAINER...]
import { MinArgs, type BerthCommand } from '../command';
import { errorText } from '../errors';
import { eachParallel } from '../multi';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER [CONTAINER...]';
  cmd.argRule = MinArgs(1);
  cmd.value('-s, --signal <string>', 'Signal to send to the container');
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    const results = await eachParallel(args, (id) => client.containers.kill(id, o.signal as string | undefined));
    const errors: string[] = [];
    results.forEach((r, i) => (r.ok ? cli.print(args[i]) : errors.push(errorText(r.error))));
    if (errors.length) throw new Error(errors.join('\n'));
  });
}
