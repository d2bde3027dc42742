// berth compose events: the daemon's container events of the project (one-off
// containers left out, as compose does), as compose prints them:
// "2026-01-02 15:04:05.000000 container start <id> (image=…, name=…)",
// or with --json one object a line; compose's own labels are not shown.
import { readEvents } from '../../../client';
import type { BerthCommand } from '../../command';
import { getTimestamp } from '../../opts/timestamps';
import { L, projectFilter } from '../labels';
import { projectOf } from '../project-options';
import { servicesOf } from '../select';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Go's "2006-01-02 15:04:05.000000" of a nanosecond time, in local time as compose prints it. */
function localTime(nano: bigint): string {
  const d = new Date(Number(nano / 1_000_000n));
  const micros = Number((nano / 1000n) % 1_000_000n);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(micros, 6)}`;
}

/** Go's RFC 3339 with nanoseconds, in UTC, for --json. */
function rfc3339Nano(nano: bigint): string {
  const base = new Date(Number(nano / 1_000_000n)).toISOString().slice(0, 19);
  const frac = String(nano % 1_000_000_000n).padStart(9, '0').replace(/0+$/, '');
  return `${base}${frac ? `.${frac}` : ''}Z`;
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd
    .flag('--json', 'Output events as a stream of json objects')
    .value('--since <string>', 'Show all events created since timestamp')
    .value('--until <string>', 'Stream events until this timestamp');
  cmd.handle(async (cli, args, o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const services = args.length ? servicesOf(p, args) : undefined;
    const when = (v: unknown) => (typeof v === 'string' && v ? getTimestamp(v) : undefined);
    const res = await cli.client().system.events({ since: when(o.since), until: when(o.until), filters: projectFilter(p.name) });
    for await (const { message, nano } of readEvents(res)) {
      const attrs = message.Actor?.Attributes ?? {};
      if (message.Type !== 'container' || attrs[L.oneoff] === 'True') continue;
      const service = attrs[L.service] ?? '';
      if (services && !services.includes(service)) continue;
      const shown = Object.fromEntries(Object.entries(attrs).filter(([k]) => !k.startsWith('com.docker.compose.')).sort(([a], [b]) => a.localeCompare(b)));
      const id = message.Actor?.ID ?? '';
      if (o.json) {
        cli.print(JSON.stringify({ action: message.Action, attributes: shown, id, service, time: rfc3339Nano(nano), type: 'container' }));
      } else {
        cli.print(`${localTime(nano)} container ${message.Action} ${id} (${Object.entries(shown).map(([k, v]) => `${k}=${v}`).join(', ')})`);
      }
    }
    return 0;
  });
}
