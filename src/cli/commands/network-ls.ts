// berth network ls [OPTIONS]
import { NoArgs, type BerthCommand } from '../command';
import { renderList } from '../format/list';
import { addFilter, parseFilters } from '../opts/filters';
import { NETWORKS_DEFAULT_TABLE, NETWORKS_HEADERS, networkRows } from '../render/networks';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .list('-f, --filter <filter>', 'Provide filter values (e.g. "driver=bridge")', (v) => addFilter(new Map(), v) && v)
    .value('--format <string>', 'Format output using a custom template')
    .flag('--no-trunc', 'Do not truncate the output')
    .flag('-q, --quiet', 'Only display network IDs');
  cmd.handle(async (cli, _args, o) => {
    const filters = parseFilters((o.filter as string[] | undefined) ?? []);
    const quiet = !!o.quiet;
    let format = o.format as string | undefined;
    if (!format) format = (!quiet && cli.config().networksFormat) || 'table';
    const list = await cli.client().networks.list({ filters });
    cli.out.write(
      renderList(format, networkRows(list, o.trunc !== false), {
        defaultTable: NETWORKS_DEFAULT_TABLE,
        headers: NETWORKS_HEADERS,
        quiet: quiet && format.trim() === 'table',
        typeName: '*formatter.networkContext',
      }),
    );
  });
}
