// GET /events: replays the kept history from `since`, then streams new events
// until `until` (or until the client goes away), one JSON object per line.
import { invalidArgument } from '../../../errdefs';
import { eventJSON, type BerthEvent, type EventSource } from '../../../events/bus';
import { eventMatches, validateEventFilters } from '../../../events/filter';
import { filtersParam, type Route } from '../../server/route';

/** A subscriber this far behind is cut off, as dockerd drops slow event readers. */
const MAX_BACKLOG = 8 * 1024 * 1024;

/** "<seconds>[.<fraction>]" (what the CLIs send) or RFC 3339, to Unix nanoseconds. */
export function parseEventTime(v: string | null, what: string): bigint | undefined {
  if (v === null || v === '') return undefined;
  const m = /^(-?\d+)(?:\.(\d{1,9}))?$/.exec(v.trim());
  if (m) return BigInt(m[1]) * 1_000_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
  const r = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i.exec(v.trim());
  if (r) {
    const ms = Date.parse(v.replace(/\.\d+/, ''));
    if (!Number.isNaN(ms)) return BigInt(ms) * 1_000_000n + BigInt((r[2] ?? '').padEnd(9, '0'));
  }
  throw invalidArgument(`invalid value for ${what}: ${JSON.stringify(v)}`);
}

export function eventRoutes(source: EventSource, now: () => bigint = () => BigInt(Date.now()) * 1_000_000n): Route[] {
  return [
    {
      method: 'GET',
      path: '/events',
      handler: async (ctx) => {
        const since = parseEventTime(ctx.query.get('since'), 'since');
        const until = parseEventTime(ctx.query.get('until'), 'until');
        const filters = filtersParam(ctx.query);
        const bad = validateEventFilters(filters);
        if (bad) throw invalidArgument(bad);
        const { res, req } = ctx;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        const write = (ev: BerthEvent): void => {
          if (eventMatches(filters, ev)) res.write(eventJSON(ev) + '\n');
        };
        // Replay and subscription happen in one tick, so nothing falls between them.
        if (since !== undefined) for (const ev of source.history(since, until)) write(ev);
        if (until !== undefined && until <= now()) {
          res.end();
          return;
        }
        await new Promise<void>((resolve) => {
          let timer: NodeJS.Timeout | undefined;
          const done = (): void => {
            unsubscribe();
            if (timer) clearTimeout(timer);
            resolve();
          };
          const unsubscribe = source.subscribe((ev) => {
            if (until !== undefined && ev.timeNano > until) return;
            write(ev);
            if (res.writableLength > MAX_BACKLOG) {
              done();
              res.destroy();
            }
          }, { client: true });
          if (until !== undefined) {
            const ms = Number((until - now()) / 1_000_000n);
            timer = setTimeout(() => {
              done();
              res.end();
            }, Math.max(0, ms) + 1);
          }
          req.socket.once('close', done);
          res.once('close', done);
        });
      },
    },
  ];
}
