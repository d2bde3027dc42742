// berth container prune [OPTIONS]
import { NoArgs, type BerthCommand } from '../command';
import { humanSize } from '../format/humanize';
import { addFilter, parseFilters } from '../opts/filters';
import { confirm } from '../prompt';

const WARNING = 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .list('--filter <filter>', 'Provide filter values (e.g. "until=<timestamp>")', (v) => addFilter(new Map(), v) && v)
    .flag('-f, --force', 'Do not prompt for confirmation');
  cmd.handle(async (cli, _args, o) => {
    const filters = parseFilters((o.filter as string[] | undefined) ?? []);
    if (!o.force && !(await confirm(cli, WARNING))) return 0; // cancelled: docker says nothing more
    const report = await cli.client().containers.prune(filters);
    const deleted = report.ContainersDeleted ?? [];
    if (deleted.length) cli.print(`Deleted Containers:\n${deleted.map((id) => `${id}\n`).join('')}`);
    cli.print(`Total reclaimed space: ${humanSize(deleted.length ? report.SpaceReclaimed : 0, 4)}`);
  });
}
