// berth stats [OPTIONS] [CONTAINER...]
import type { ContainerStatsResponse } from '../../api/types';
import { readEvents, readJSONStream } from '../../client';
import type { Client } from '../../client';
import type { BerthCommand } from '../command';
import { errorText, StatusError } from '../errors';
import { renderList } from '../format/list';
import { emptyEntry, entryFromStats, STATS_DEFAULT_TABLE, STATS_HEADERS, StatsContext, type StatsEntry } from '../render/stats';

const FORMAT_HELP = `Format output using a custom template:
'table':            Print output in table format with column headers (default)
'table TEMPLATE':   Print output in table format using the given Go template
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

/** docker redraws every 500 ms. */
const REDRAW_MS = 500;

interface Tracked {
  entry: StatsEntry;
  error?: string;
  abort: AbortController;
  /** Set once the first frame (or the error) is in. */
  first?: boolean;
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [CONTAINER...]';
  cmd
    .flag('-a, --all', 'Show all containers (default shows just running)')
    .value('--format <string>', FORMAT_HELP)
    .flag('--no-stream', 'Disable streaming stats and only pull the first result')
    .flag('--no-trunc', "Don't truncate output");
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    const noStream = o.stream === false;
    const trunc = o.trunc !== false;
    const format = (o.format as string | undefined) || cli.config().statsFormat || 'table';
    const render = (rows: Tracked[]) =>
      renderList(
        format,
        rows.map((t) => new StatsContext(t.entry, trunc)),
        { defaultTable: STATS_DEFAULT_TABLE, headers: STATS_HEADERS, typeName: '*formatter.statsContext' },
      );
    const tracked = new Map<string, Tracked>();
    const listed = args.length === 0;
    const initial = listed ? (await client.containers.list({ all: !!o.all })).map((c) => c.Id.slice(0, 12)) : args;

    if (noStream) {
      // one frame per container, all at once
      await Promise.all(initial.map(async (name) => tracked.set(name, await oneFrame(client, name))));
      const rows = initial.map((n) => tracked.get(n)!);
      const errs = rows.filter((r) => r.error).map((r) => r.error!);
      cli.out.write(render(rows.filter((r) => !r.error)));
      if (errs.length) throw new StatusError(1, errs.join('\n'));
      return;
    }

    const follow = (name: string): void => {
      if (tracked.has(name)) return;
      const t: Tracked = { entry: emptyEntry(name), abort: new AbortController() };
      tracked.set(name, t);
      void (async () => {
        try {
          const res = await client.containers.stats(name, { stream: true, signal: t.abort.signal });
          for await (const frame of readJSONStream<ContainerStatsResponse>(res)) {
            t.entry = entryFromStats(name, frame);
            t.first = true;
          }
        } catch (err) {
          if (t.abort.signal.aborted) return;
          t.error = errorText(err);
          t.entry = { ...t.entry, invalid: true };
        }
        t.first = true;
      })();
    };
    const unfollow = (name: string): void => {
      tracked.get(name)?.abort.abort();
      tracked.delete(name);
    };
    for (const n of initial) follow(n);
    if (!listed) {
      // like docker: wait for every named container's first answer; any error ends the command
      for (let i = 0; i < 100 && [...tracked.values()].some((t) => !t.first); i++) await new Promise((r) => setTimeout(r, 20));
      const errs = [...tracked.values()].filter((t) => t.error).map((t) => t.error!);
      if (errs.length) {
        for (const t of tracked.values()) t.abort.abort();
        throw new StatusError(1, errs.join('\n'));
      }
    }
    if (listed) {
      // like docker: containers that start (or, with --all, are created) join the table; ones that die leave it
      const res = await client.system.events({ filters: new Map([['type', ['container']], ['event', ['create', 'start', 'die', 'destroy']]]) });
      void (async () => {
        for await (const { message } of readEvents(res)) {
          const short = message.Actor.ID.slice(0, 12);
          if (message.Action === 'start' || (message.Action === 'create' && o.all)) follow(short);
          else if (message.Action === 'destroy' || (message.Action === 'die' && !o.all)) unfollow(short);
        }
      })().catch(() => {});
    }
    for (;;) {
      await new Promise((r) => setTimeout(r, REDRAW_MS));
      const rows = [...tracked.values()];
      const text = render(rows);
      let out = '\x1b[H';
      // each line ends with "erase to end of line" (docker's Fprintln adds the space), then clear the rest
      for (const line of text.split('\n')) out += `${line} \x1b[K\n`;
      out += '\x1b[J';
      cli.out.write(out);
    }
  });
}

async function oneFrame(client: Client, name: string): Promise<Tracked> {
  const abort = new AbortController();
  try {
    const res = await client.containers.stats(name, { stream: false });
    for await (const frame of readJSONStream<ContainerStatsResponse>(res)) return { entry: entryFromStats(name, frame), abort };
    return { entry: { ...emptyEntry(name), invalid: true }, abort };
  } catch (err) {
    return { entry: { ...emptyEntry(name), invalid: true }, error: errorText(err), abort };
  }
}
