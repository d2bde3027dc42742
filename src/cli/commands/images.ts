// berth images [OPTIONS] [REPOSITORY[:TAG]]
import { MaxArgs, type BerthCommand } from '../command';
import { renderList } from '../format/list';
import { addFilter, parseFilters } from '../opts/filters';
import { IMAGES_DEFAULT_TABLE, IMAGES_DIGEST_TABLE, IMAGES_HEADERS, imageRows } from '../render/images';

const FORMAT_HELP = `Format output using a custom template:
'table':            Print output in table format with column headers (default)
'table TEMPLATE':   Print output in table format using the given Go template
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [REPOSITORY[:TAG]]';
  cmd.argRule = MaxArgs(1);
  cmd
    .flag('-a, --all', 'Show all images (default hides intermediate images)')
    .flag('--digests', 'Show digests')
    .list('-f, --filter <filter>', 'Filter output based on conditions provided', (v) => addFilter(new Map(), v) && v)
    .value('--format <string>', FORMAT_HELP)
    .flag('--no-trunc', "Don't truncate output")
    .flag('-q, --quiet', 'Only show image IDs')
    .flag('--tree', 'List multi-platform images as a tree (EXPERIMENTAL)', { hidden: true });
  cmd.handle(async (cli, args, o) => {
    const filters = parseFilters((o.filter as string[] | undefined) ?? []);
    if (args[0]) addFilter(filters, `reference=${args[0]}`);
    const quiet = !!o.quiet;
    let format = o.format as string | undefined;
    if (!format) format = (!quiet && cli.config().imagesFormat) || 'table';
    const isTable = format.trim() === 'table';
    const images = await cli.client().images.list({ all: !!o.all, filters });
    const rows = imageRows(images, { trunc: o.trunc !== false, digests: !!o.digests });
    cli.out.write(
      renderList(format, rows, {
        defaultTable: o.digests ? IMAGES_DIGEST_TABLE : IMAGES_DEFAULT_TABLE,
        headers: IMAGES_HEADERS,
        quiet: quiet && isTable,
        typeName: '*formatter.imageContext',
      }),
    );
  });
}
