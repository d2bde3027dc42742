// berth events [OPTIONS]
import { readEvents } from '../../client';
import { NoArgs, type BerthCommand } from '../command';
import { parseTemplate } from '../format/template';
import { addFilter, parseFilters } from '../opts/filters';
import { getTimestamp } from '../opts/timestamps';
import { eventContext, eventLine } from '../render/events';

const FORMAT_HELP = `Format output using a custom template:
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .list('-f, --filter <filter>', 'Filter output based on conditions provided', (v) => addFilter(new Map(), v) && v)
    .value('--format <string>', FORMAT_HELP)
    .value('--since <string>', 'Show all events created since timestamp')
    .value('--until <string>', 'Stream events until this timestamp');
  cmd.handle(async (cli, _args, o) => {
    const filters = parseFilters((o.filter as string[] | undefined) ?? []);
    const format = (o.format as string | undefined) ?? '';
    const tmpl = format ? parseTemplate(format === 'json' ? '{{json .}}' : format) : undefined;
    // like docker: run the template once on an empty message so a bad field fails before streaming
    if (tmpl) tmpl.execute(eventContext({ Type: '', Action: '', Actor: { ID: '' }, time: 0, timeNano: 0 }, 0n));
    const since = typeof o.since === 'string' && o.since !== '' ? getTimestamp(o.since) : undefined;
    const until = typeof o.until === 'string' && o.until !== '' ? getTimestamp(o.until) : undefined;
    const res = await cli.client().system.events({ since, until, filters });
    for await (const { message, nano } of readEvents(res)) {
      cli.out.write(tmpl ? `${tmpl.execute(eventContext(message, nano))}\n` : eventLine(message, nano));
    }
  });
}
