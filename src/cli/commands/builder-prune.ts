// berth builder prune [OPTIONS]: the classic builder's cache is the dangling
// images builds left (intermediate steps of images since untagged).
import { NoArgs, type BerthCommand } from '../command';
import { humanSize } from '../format/humanize';
import { addFilter, parseFilters } from '../opts/filters';
import { confirm } from '../prompt';

const WARNING = 'WARNING! This will remove all dangling build cache. Are you sure you want to continue?';
const ALL_WARNING = 'WARNING! This will remove all build cache. Are you sure you want to continue?';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .flag('-a, --all', 'Remove all unused build cache, not just dangling ones')
    .list('--filter <filter>', 'Provide filter values (e.g. "until=24h")', (v) => addFilter(new Map(), v) && v)
    .flag('-f, --force', 'Do not prompt for confirmation');
  cmd.handle(async (cli, _args, o) => {
    const filters = parseFilters((o.filter as string[] | undefined) ?? []);
    if (!o.force && !(await confirm(cli, o.all ? ALL_WARNING : WARNING))) return 0;
    const r = await cli.client().system.buildPrune(filters, !!o.all);
    if (r.CachesDeleted?.length) cli.print(`Deleted build cache objects:\n${r.CachesDeleted.map((id) => `${id}\n`).join('')}`);
    cli.print(`Total reclaimed space: ${humanSize(r.SpaceReclaimed ?? 0, 4)}`);
  });
}
