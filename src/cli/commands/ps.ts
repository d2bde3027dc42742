// berth ps [OPTIONS]
import { NoArgs, type BerthCommand } from '../command';
import { renderList } from '../format/list';
import { addFilter, parseFilters } from '../opts/filters';
import { parseGoInt } from '../opts/goparse';
import { ContainerContext, PS_DEFAULT_TABLE, PS_HEADERS, PS_SIZE_TABLE } from '../render/ps';

const FORMAT_HELP = `Format output using a custom template:
'table':            Print output in table format with column headers (default)
'table TEMPLATE':   Print output in table format using the given Go template
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .flag('-a, --all', 'Show all containers (default shows just running)')
    .list('-f, --filter <filter>', 'Filter output based on conditions provided', (v) => addFilter(new Map(), v) && v)
    .value('--format <string>', FORMAT_HELP)
    .value('-n, --last <int>', 'Show n last created containers (includes all states) (default -1)', (v) => parseGoInt(v))
    .flag('-l, --latest', 'Show the latest created container (includes all states)')
    .flag('--no-trunc', "Don't truncate output")
    .flag('-q, --quiet', 'Only display container IDs')
    .flag('-s, --size', 'Display total file sizes')
    .flag('--no-size', 'Do not display total file sizes', { hidden: true });
  cmd.handle(async (cli, _args, o) => {
    const filters = parseFilters((o.filter as string[] | undefined) ?? []);
    const quiet = !!o.quiet;
    let format = o.format as string | undefined;
    if (!format) format = (!quiet && cli.config().psFormat) || 'table';
    const isTable = format.trim() === 'table';
    // like docker: ask for sizes when a custom template uses .Size, unless --size=false
    let size = o.size === true;
    if (!isTable && !quiet && o.size === undefined && /\.Size\b/.test(format)) size = true;
    const last = (o.last as number | undefined) ?? -1;
    const limit = last > 0 ? last : o.latest ? 1 : undefined;
    const list = await cli.client().containers.list({ all: !!o.all, limit, size, filters });
    const now = Date.now();
    const rows = list.map((c) => new ContainerContext(c, o.trunc !== false, now));
    cli.out.write(
      renderList(format, rows, {
        defaultTable: size ? PS_SIZE_TABLE : PS_DEFAULT_TABLE,
        headers: PS_HEADERS,
        quiet: quiet && isTable,
        typeName: '*formatter.ContainerContext',
      }),
    );
  });
}
