// berth volume ls [OPTIONS]
import { NoArgs, type BerthCommand } from '../command';
import { renderList } from '../format/list';
import { addFilter, parseFilters } from '../opts/filters';
import { VOLUMES_DEFAULT_TABLE, VOLUMES_HEADERS, VolumeContext } from '../render/volumes';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .list('-f, --filter <filter>', "Provide filter values (e.g. 'dangling=true')", (v) => addFilter(new Map(), v) && v)
    .value('--format <string>', 'Format output using a custom template')
    .flag('-q, --quiet', 'Only display volume names');
  cmd.handle(async (cli, _args, o) => {
    const filters = parseFilters((o.filter as string[] | undefined) ?? []);
    const quiet = !!o.quiet;
    const format = (o.format as string | undefined) || (!quiet && cli.config().volumesFormat) || 'table';
    const res = await cli.client().volumes.list(filters);
    const vols = [...(res.Volumes ?? [])].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
    for (const w of res.Warnings ?? []) cli.printErr(w);
    cli.out.write(
      renderList(format, vols.map((v) => new VolumeContext(v)), {
        defaultTable: VOLUMES_DEFAULT_TABLE,
        headers: VOLUMES_HEADERS,
        quiet: quiet && format.trim() === 'table',
        quietField: 'Name',
        typeName: '*formatter.volumeContext',
      }),
    );
  });
}
