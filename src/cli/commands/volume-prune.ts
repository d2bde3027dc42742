// berth volume prune [OPTIONS]
import { NoArgs, type BerthCommand } from '../command';
import { humanSize } from '../format/humanize';
import { addFilter, parseFilters } from '../opts/filters';
import { confirm } from '../prompt';

const WARNING = 'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?';
const ALL_WARNING = 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .flag('-a, --all', 'Remove all unused volumes, not just anonymous ones')
    .list('--filter <filter>', 'Provide filter values (e.g. "label=<label>")', (v) => addFilter(new Map(), v) && v)
    .flag('-f, --force', 'Do not prompt for confirmation');
  cmd.handle(async (cli, _args, o) => {
    const filters = parseFilters((o.filter as string[] | undefined) ?? []);
    if (o.all) {
      if (filters.has('all')) throw new Error('conflicting options: cannot specify both --all and --filter all=1');
      addFilter(filters, 'all=true');
    }
    if (!o.force && !(await confirm(cli, o.all ? ALL_WARNING : WARNING))) return 0;
    const report = await cli.client().volumes.prune(filters);
    const deleted = report.VolumesDeleted ?? [];
    if (deleted.length) cli.print(`Deleted Volumes:\n${deleted.map((n) => `${n}\n`).join('')}`);
    cli.print(`Total reclaimed space: ${humanSize(report.SpaceReclaimed, 4)}`);
  });
}
