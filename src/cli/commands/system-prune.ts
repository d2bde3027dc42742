// berth system prune [OPTIONS]: stopped containers, (anonymous) volumes with
// --volumes, dangling images (all unused with -a), build cache — through the
// same prune endpoints the single-area prune commands use.
import { NoArgs, type BerthCommand } from '../command';
import { humanSize } from '../format/humanize';
import { addFilter, type Filters, parseFilters } from '../opts/filters';
import { confirm } from '../prompt';

function warning(all: boolean, volumes: boolean, filters: string[]): string {
  const items = [
    'all stopped containers',
    'all networks not used by at least one container',
    ...(volumes ? ['all anonymous volumes not used by at least one container'] : []),
    all ? 'all images without at least one container associated to them' : 'all dangling images',
    all ? 'all build cache' : 'unused build cache',
  ];
  let text = 'WARNING! This will remove:\n' + items.map((i) => `  - ${i}\n`).join('');
  if (filters.length) text += '\n  Items to be pruned will be filtered with:\n' + filters.map((f) => `  - ${f}\n`).join('');
  return text + '\nAre you sure you want to continue?';
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .flag('-a, --all', 'Remove all unused images not just dangling ones')
    .list('--filter <filter>', 'Provide filter values (e.g. "label=<key>=<value>")', (v) => addFilter(new Map(), v) && v)
    .flag('-f, --force', 'Do not prompt for confirmation')
    .flag('--volumes', 'Prune anonymous volumes');
  cmd.handle(async (cli, _args, o) => {
    const given = (o.filter as string[] | undefined) ?? [];
    const filters = parseFilters(given);
    if (!o.force && !(await confirm(cli, warning(!!o.all, !!o.volumes, given)))) return 0;
    const client = cli.client();
    let space = 0;
    const c = await client.containers.prune(filters);
    space += c.SpaceReclaimed ?? 0;
    if (c.ContainersDeleted?.length) cli.print(`Deleted Containers:\n${c.ContainersDeleted.map((id) => `${id}\n`).join('')}`);
    if (o.volumes) {
      const v = await client.volumes.prune(filters);
      space += v.SpaceReclaimed ?? 0;
      if (v.VolumesDeleted?.length) cli.print(`Deleted Volumes:\n${v.VolumesDeleted.map((n) => `${n}\n`).join('')}`);
    }
    const imageFilters: Filters = new Map(filters);
    addFilter(imageFilters, `dangling=${o.all ? 'false' : 'true'}`);
    const i = await client.images.prune(imageFilters);
    space += i.SpaceReclaimed ?? 0;
    const deleted = i.ImagesDeleted ?? [];
    if (deleted.length) {
      let out = 'Deleted Images:\n';
      for (const d of deleted) {
        if (d.Untagged) out += `untagged: ${d.Untagged}\n`;
        if (d.Deleted) out += `deleted: ${d.Deleted}\n`;
      }
      cli.print(out);
    }
    const b = await client.system.buildPrune(filters);
    space += b.SpaceReclaimed ?? 0;
    cli.print(`Total reclaimed space: ${humanSize(space, 4)}`);
  });
}
