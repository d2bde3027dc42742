// The contract between the HTTP server and the routers. A router owns a small
// backend interface, and exports a function returning its Route table; the
// server knows nothing of images or containers. Handlers throw BerthError
// (src/errdefs) and the server maps that to Docker's {"message": …} + status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { invalidArgument } from '../../errdefs';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Path parameters, e.g. {name} from /containers/{name}/json (names may contain '/'). */
  params: Record<string, string>;
  /** Query string, parsed; repeated keys keep the last value, see queryAll for every value. */
  query: URLSearchParams;
  /** The API version the client asked for (from /v1.xx/ prefix) or the server's default. */
  apiVersion: string;
  /** Read and JSON-parse the body; throws InvalidArgument on malformed JSON; `{}`-less empty body gives undefined. */
  json<T = unknown>(): Promise<T | undefined>;
  /** Send a JSON value with the status (default 200). */
  send(status: number, value?: unknown): void;
  /**
   * Take over the connection for a hijacked stream (attach, exec start): writes the
   * 101 UPGRADED (or 200 OK when the client did not ask to upgrade) head and gives the
   * raw socket. Works for both 'request' and 'upgrade' paths of the node http server.
   */
  hijack(contentType?: string): Duplex;
  /** Take over the connection as a websocket (attach/ws): a duplex of binary messages. */
  websocket(): Promise<Duplex>;
}

export interface Route {
  method: Method;
  /** find-my-way path syntax, without the /v1.xx prefix, e.g. '/images/:name/json' or '/images/*' */
  path: string;
  handler: (ctx: RequestContext) => Promise<void> | void;
}

/** Helpers for query parsing in Docker's style ("1"/"true"/"True" are true). */
export function boolParam(q: URLSearchParams, key: string, dflt = false): boolean {
  const v = q.get(key);
  if (v === null || v === '') return dflt;
  return !(v === '0' || v.toLowerCase() === 'false');
}

export function intParam(q: URLSearchParams, key: string): number | undefined {
  const v = q.get(key);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/**
 * Docker's `filters` query parameter: JSON of {"key": {"value": true}} (current)
 * or {"key": ["value"]} (old clients). Returns key -> values.
 */
export function filtersParam(q: URLSearchParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const raw = q.get('filters');
  if (!raw) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidArgument(`invalid filter '${raw}'`);
  }
  if (parsed === null) return out; // Go decodes null into an empty map
  // {"key": {"value": true}} or the legacy {"key": ["value"]}; anything else
  // (a list, a number, a string value) is refused rather than read as "no
  // filters", which would make a prune take everything.
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidArgument(`invalid filter '${raw}'`);
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out.set(k, v);
    else if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'boolean')) out.set(k, Object.keys(v));
    else throw invalidArgument(`invalid filter '${raw}'`);
  }
  return out;
}
