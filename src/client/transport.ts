// HTTP/1.1 to the daemon over a unix socket, plain TCP or TCP with TLS, with
// node's http/https modules. Knows nothing of API versions or JSON; see
// client.ts for those.
import * as http from 'node:http';
import type * as httpsTypes from 'node:https';
import type { Duplex, Readable } from 'node:stream';
import { ConnectionError, isConnectError } from './errors';
import type { HostSpec } from './host';

export interface TransportRequest {
  method: string;
  /** Path with query string, already versioned (e.g. /v1.47/containers/json?all=1). */
  path: string;
  headers?: Record<string, string>;
  /** A whole body (sent with Content-Length) or a stream (sent chunked). */
  body?: Buffer | string | Readable;
  /** Abort the request (and the response stream) when signalled. */
  signal?: AbortSignal;
  /** A stream that may stay open for good (events, stats): its own connection, outside the pool's limit. */
  longLived?: boolean;
}

export interface Upgraded {
  res: http.IncomingMessage;
  socket: Duplex;
  head: Buffer;
}

/** --tls / --tlsverify: the CA to check the daemon with and the client's own certificate. */
export interface TlsOptions {
  /** Check the daemon's certificate against `ca` (docker's --tlsverify); else accept any. */
  verify: boolean;
  ca?: Buffer | Array<string | Buffer>;
  cert?: Buffer;
  key?: Buffer;
}

// Loaded on first use: node:https pulls in tls and crypto (≈2 ms of every
// CLI start), and only a TLS daemon needs it.
let httpsModule: typeof httpsTypes | undefined;
function https(): typeof httpsTypes {
  return (httpsModule ??= require('node:https') as typeof httpsTypes);
}

export const USER_AGENT = `Berth-Client/0.1.0 (${process.platform})`;

export class Transport {
  readonly host: HostSpec;
  private readonly agent: http.Agent;
  private readonly tls: TlsOptions | undefined;

  constructor(host: HostSpec, tls?: TlsOptions) {
    this.host = host;
    this.tls = host.proto === 'tcp' ? tls : undefined;
    // keepAlive lets the version ping and the real call share one connection;
    // idle sockets are unref'd by the agent so they never hold the process open.
    this.agent = this.tls
      ? new (https().Agent)({ keepAlive: true, maxSockets: 16, ...this.tlsOptions() })
      : new http.Agent({ keepAlive: true, maxSockets: 16 });
  }

  private tlsOptions(): httpsTypes.AgentOptions {
    const t = this.tls!;
    return { ca: t.ca, cert: t.cert, key: t.key, rejectUnauthorized: t.verify, minVersion: 'TLSv1.2' };
  }

  private send(opts: http.RequestOptions, cb?: (res: http.IncomingMessage) => void): http.ClientRequest {
    if (!this.tls) return cb ? http.request(opts, cb) : http.request(opts);
    const o = opts.agent === false ? { ...opts, ...this.tlsOptions() } : opts;
    return cb ? https().request(o, cb) : https().request(o);
  }

  private options(req: TransportRequest): http.RequestOptions {
    const base: http.RequestOptions = {
      method: req.method,
      path: req.path,
      agent: req.longLived ? false : this.agent,
      headers: { 'User-Agent': USER_AGENT, ...req.headers },
      signal: req.signal,
    };
    // servername '' on plain HTTP: otherwise the agent works out a TLS server
    // name for every request, and its first net.isIP compiles the IPv6
    // pattern (≈4 ms of a CLI start). Plain HTTP never sends one.
    const plain = this.tls ? {} : { servername: '' };
    if (this.host.proto === 'unix') return { ...base, ...plain, socketPath: this.host.path, host: 'localhost' };
    return { ...base, ...plain, host: this.host.host, port: this.host.port };
  }

  private wrapError(err: unknown): Error {
    if (isConnectError(err)) return new ConnectionError(this.host.url, err.code, err.message);
    return err instanceof Error ? err : new Error(String(err));
  }

  /** Send one request; resolves with the response head (any status), body unread. */
  request(req: TransportRequest): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const r = this.send(this.options(req), resolve);
      r.on('error', (err) => reject(this.wrapError(err)));
      sendBody(r, req.body, (err) => reject(this.wrapError(err)));
    });
  }

  /**
   * Send a request asking for a connection upgrade (attach, exec start). Resolves
   * with the raw socket on `101 UPGRADED`; any other answer resolves `res` with
   * `socket` undefined so the caller can read an error or a plain stream.
   */
  upgrade(req: TransportRequest): Promise<Upgraded | { res: http.IncomingMessage; socket?: undefined; head?: undefined }> {
    return new Promise((resolve, reject) => {
      // A dedicated agent-less connection: a hijacked socket never goes back to a pool.
      const opts = { ...this.options(req), agent: false as const };
      opts.headers = { Connection: 'Upgrade', Upgrade: 'tcp', ...opts.headers };
      const r = this.send(opts);
      r.on('upgrade', (res, socket, head) => resolve({ res, socket, head }));
      r.on('response', (res) => resolve({ res }));
      r.on('error', (err) => reject(this.wrapError(err)));
      sendBody(r, req.body, (err) => reject(this.wrapError(err)));
    });
  }

  /** Drop pooled connections (lets a long-lived process release sockets). */
  close(): void {
    this.agent.destroy();
  }
}

function sendBody(r: http.ClientRequest, body: TransportRequest['body'], onError: (err: unknown) => void): void {
  if (body === undefined) {
    r.end();
    return;
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    r.setHeader('Content-Length', Buffer.byteLength(body));
    r.end(body);
    return;
  }
  // Streamed upload: chunked transfer encoding.
  body.on('error', (err) => {
    r.destroy(err);
    onError(err);
  });
  body.pipe(r);
}

/** Read a whole response body. */
export function readAll(res: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.once('end', () => resolve(Buffer.concat(chunks)));
    res.once('error', reject);
  });
}
