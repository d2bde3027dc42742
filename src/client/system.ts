// /_ping, /version, /info
import type { IncomingMessage } from 'node:http';
import type { AuthConfigBody, EventMessage, AuthResponse, PingInfo, SystemDiskUsage, SystemInfo, SystemVersion } from '../api/types';
import { encodeFilters } from './query';
import type { Client } from './client';
import { ping } from './negotiate';

export class SystemAPI {
  constructor(private readonly c: Client) {}

  ping(): Promise<PingInfo> {
    return ping(this.c.transport);
  }

  version(): Promise<SystemVersion> {
    return this.c.json<SystemVersion>('GET', '/version');
  }

  /** POST /auth: the daemon checks the credentials against the registry. */
  auth(body: AuthConfigBody): Promise<AuthResponse> {
    return this.c.json<AuthResponse>('POST', '/auth', { body });
  }

  info(): Promise<SystemInfo> {
    return this.c.json<SystemInfo>('GET', '/info');
  }

  /** GET /system/df. */
  df(types: string[] = []): Promise<SystemDiskUsage> {
    return this.c.json<SystemDiskUsage>('GET', '/system/df', { query: { type: types.length ? types : undefined } });
  }

  /** POST /build/prune. */
  buildPrune(filters?: Map<string, string[]>, all = false): Promise<{ CachesDeleted: string[] | null; SpaceReclaimed: number }> {
    return this.c.json('POST', '/build/prune', { query: { filters: encodeFilters(filters), all: all || undefined } });
  }

  /** GET /events: the raw stream; see readEvents. since/until as the CLI sends them ("<seconds>[.<nanos>]"). */
  events(opts: { since?: string; until?: string; filters?: Map<string, string[]>; signal?: AbortSignal } = {}): Promise<IncomingMessage> {
    return this.c.call('GET', '/events', { query: { since: opts.since, until: opts.until, filters: encodeFilters(opts.filters) }, signal: opts.signal, longLived: true });
  }
}

/** An event with its exact timeNano (int64 nanoseconds lose digits as a JS number). */
export interface ReceivedEvent {
  message: EventMessage;
  nano: bigint;
}

/** Each event of a GET /events body. */
export async function* readEvents(res: AsyncIterable<Buffer | string>): AsyncGenerator<ReceivedEvent> {
  let buf = '';
  const one = (line: string): ReceivedEvent | undefined => {
    if (!line.trim()) return undefined;
    const m = /"timeNano":\s*(\d+)/.exec(line);
    const message = JSON.parse(line) as EventMessage;
    const nano = m ? BigInt(m[1]) : BigInt(message.time ?? 0) * 1_000_000_000n;
    return { message, nano };
  };
  for await (const chunk of res) {
    buf += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const ev = one(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
      if (ev) yield ev;
    }
  }
  const last = one(buf);
  if (last) yield last;
}
