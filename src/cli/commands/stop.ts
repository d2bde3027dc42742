// berth stop [OPTIONS] CONTAINER [CONTAINER...]
import { MinArgs, type BerthCommand } from '../command';
import { errorText } from '../errors';
import { eachParallel } from '../multi';
import { parseGoInt } from '../opts/goparse';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER [CONTAINER...]';
  cmd.argRule = MinArgs(1);
  cmd
    .value('-s, --signal <string>', 'Signal to send to the container')
    .value('-t, --timeout <int>', 'Seconds to wait before killing the container', (v) => parseGoInt(v))
    .value('--time <int>', 'Seconds to wait before killing the container (deprecated: use --timeout)', (v) => parseGoInt(v), {
      hidden: true,
    });
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    const timeout = (o.timeout ?? o.time) as number | undefined;
    const results = await eachParallel(args, (id) => client.containers.stop(id, { signal: o.signal as string | undefined, timeout }));
    const errors: string[] = [];
    results.forEach((r, i) => (r.ok ? cli.print(args[i]) : errors.push(errorText(r.error))));
    if (errors.length) throw new Error(errors.join('\n'));
  });
}
