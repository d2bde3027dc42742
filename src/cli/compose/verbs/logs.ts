// berth compose logs: the output of the project's containers (all of them,
// stopped ones too), each line behind its container's name, all containers
// at once; -f keeps following until every container has stopped (or
// Ctrl-C).
import type { Writable } from 'node:stream';
import type { BerthCommand } from '../../command';
import { getTimestamp } from '../../opts/timestamps';
import { followLogs } from '../follow-logs';
import { LogPrinter } from '../log-printer';
import { projectOf } from '../project-options';
import { numberOf } from '../resources';
import { selectContainers, servicesOf, shortName } from '../select';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd
    .flag('-f, --follow', 'Follow log output')
    .value('--index <int>', 'index of the container if service has multiple replicas', Number)
    .flag('--no-color', 'Produce monochrome output')
    .flag('--no-log-prefix', "Don't print prefix in logs")
    .value('--since <string>', 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)')
    .value('-n, --tail <string>', 'Number of lines to show from the end of the logs for each container', undefined, { default: 'all' })
    .flag('-t, --timestamps', 'Show timestamps')
    .value('--until <string>', 'Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)');
  cmd.handle(async (cli, args, o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    let list = await selectContainers(cli, p, servicesOf(p, args), { all: true });
    if (o.index !== undefined) list = list.filter((c) => numberOf(c) === o.index);
    const color = o.color !== false && !!(cli.out as NodeJS.WriteStream).isTTY;
    const printer = new LogPrinter(cli.out as Writable, cli.err as Writable, { color, prefix: o.logPrefix !== false });
    for (const c of list) printer.register(shortName(p, c));
    const when = (v: unknown) => (typeof v === 'string' && v ? getTimestamp(v) : undefined);
    await Promise.all(
      list.map(async (c) => {
        const tty = !!(await cli.client().containers.inspect(c.Id)).Config?.Tty;
        await followLogs(cli, printer, shortName(p, c), c.Id, tty, {
          follow: !!o.follow,
          tail: o.tail as string,
          timestamps: !!o.timestamps,
          since: when(o.since),
          until: when(o.until),
        });
      }),
    );
    return 0;
  });
}
