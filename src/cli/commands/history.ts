// berth history [OPTIONS] IMAGE
import { ExactArgs, type BerthCommand } from '../command';
import { renderList } from '../format/list';
import { HISTORY_DEFAULT_TABLE, HISTORY_HEADERS, HISTORY_NONHUMAN_TABLE, HistoryContext } from '../render/history';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] IMAGE';
  cmd.argRule = ExactArgs(1);
  cmd
    .value('--format <string>', 'Format output using a custom template')
    .flag('-H, --human', 'Print sizes and dates in human readable format (default true)', { default: true })
    .flag('--no-human', 'Print sizes and dates as raw numbers', { hidden: true })
    .flag('--no-trunc', "Don't truncate output")
    .value('--platform <string>', 'Show history for the given platform. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")')
    .flag('-q, --quiet', 'Only show image IDs');
  cmd.handle(async (cli, args, o) => {
    const human = o.human !== false;
    const format = (o.format as string | undefined) || 'table';
    const isTable = format.trim() === 'table';
    const history = await cli.client().images.history(args[0], { platform: o.platform as string | undefined });
    const now = Date.now();
    const rows = history.map((h) => new HistoryContext(h, o.trunc !== false, human, now));
    cli.out.write(
      renderList(format, rows, {
        defaultTable: human ? HISTORY_DEFAULT_TABLE : HISTORY_NONHUMAN_TABLE,
        headers: HISTORY_HEADERS,
        quiet: !!o.quiet && isTable,
        typeName: '*image.historyContext',
      }),
    );
  });
}
