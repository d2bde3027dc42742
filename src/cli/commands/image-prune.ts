// berth image prune [OPTIONS]
import { NoArgs, type BerthCommand } from '../command';
import { humanSize } from '../format/humanize';
import { addFilter, parseFilters } from '../opts/filters';
import { confirm } from '../prompt';

const DANGLING_WARNING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';
const ALL_WARNING = 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .flag('-a, --all', 'Remove all unused images, not just dangling ones')
    .list('--filter <filter>', 'Provide filter values (e.g. "until=<timestamp>")', (v) => addFilter(new Map(), v) && v)
    .flag('-f, --force', 'Do not prompt for confirmation');
  cmd.handle(async (cli, _args, o) => {
    const filters = parseFilters((o.filter as string[] | undefined) ?? []);
    addFilter(filters, `dangling=${o.all ? 'false' : 'true'}`);
    if (!o.force && !(await confirm(cli, o.all ? ALL_WARNING : DANGLING_WARNING))) return 0;
    const report = await cli.client().images.prune(filters);
    const deleted = report.ImagesDeleted ?? [];
    if (deleted.length) {
      let out = 'Deleted Images:\n';
      for (const d of deleted) {
        if (d.Untagged) out += `untagged: ${d.Untagged}\n`;
        if (d.Deleted) out += `deleted: ${d.Deleted}\n`;
      }
      cli.print(out);
    }
    cli.print(`Total reclaimed space: ${humanSize(deleted.length ? report.SpaceReclaimed : 0, 4)}`);
  });
}
