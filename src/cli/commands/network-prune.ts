// berth network prune [OPTIONS]
import { NoArgs, type BerthCommand } from '../command';
import { addFilter, parseFilters } from '../opts/filters';
import { confirm } from '../prompt';

const WARNING = 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .list('--filter <filter>', 'Provide filter values (e.g. "until=<timestamp>")', (v) => addFilter(new Map(), v) && v)
    .flag('-f, --force', 'Do not prompt for confirmation');
  cmd.handle(async (cli, _args, o) => {
    const filters = parseFilters((o.filter as string[] | undefined) ?? []);
    if (!o.force && !(await confirm(cli, WARNING))) return 0;
    const r = await cli.client().networks.prune({ filters });
    const deleted = r.NetworksDeleted ?? [];
    if (deleted.length) cli.print(`Deleted Networks:\n${deleted.join('\n')}\n`);
  });
}
