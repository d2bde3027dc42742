// The typed Engine API client: versioned requests, JSON in and out, error
// mapping, streams and hijacks. Area methods live in containers.ts, images.ts
// and system.ts and are reached as client.containers.*, client.images.*, ...
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ClientError } from './errors';
import { errorFromResponse, hijack, type HijackedStream } from './hijack';
import { parseHost, type HostSpec } from './host';
import { CLIENT_API_VERSION, negotiateVersion, ping } from './negotiate';
import { encodeQuery, type Query } from './query';
import { readAll, Transport, type TlsOptions } from './transport';
import { ContainersAPI } from './containers';
import { ExecAPI } from './exec';
import { ImagesAPI } from './images';
import { NetworksAPI } from './networks';
import { SystemAPI } from './system';
import { VolumesAPI } from './volumes';

export interface ClientOptions {
  /** unix:///path or tcp://host:port; default unix:///run/berth/berth.sock */
  host?: string;
  /** Pin the API version and skip negotiation (like DOCKER_API_VERSION). */
  version?: string;
  /** TLS for tcp:// hosts (--tls / --tlsverify and their certificates). */
  tls?: TlsOptions;
}

export interface CallOptions {
  query?: Query;
  /** JSON-encoded unless a Buffer/string/stream (then sent as is). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** See TransportRequest.longLived. */
  longLived?: boolean;
}

export class Client {
  readonly host: HostSpec;
  readonly transport: Transport;
  readonly containers: ContainersAPI;
  readonly exec: ExecAPI;
  readonly images: ImagesAPI;
  readonly networks: NetworksAPI;
  readonly system: SystemAPI;
  readonly volumes: VolumesAPI;
  private versionP: Promise<string> | undefined;

  constructor(opts: ClientOptions = {}) {
    this.host = parseHost(opts.host);
    this.transport = new Transport(this.host, opts.tls);
    if (opts.version) this.versionP = Promise.resolve(opts.version);
    this.containers = new ContainersAPI(this);
    this.exec = new ExecAPI(this);
    this.images = new ImagesAPI(this);
    this.networks = new NetworksAPI(this);
    this.system = new SystemAPI(this);
    this.volumes = new VolumesAPI(this);
  }

  /** The negotiated API version (pings the daemon once). */
  apiVersion(): Promise<string> {
    if (!this.versionP) {
      this.versionP = ping(this.transport).then((p) => negotiateVersion(CLIENT_API_VERSION, p.apiVersion));
      // a failed ping must not poison later attempts
      this.versionP.catch(() => (this.versionP = undefined));
    }
    return this.versionP;
  }

  /** "/containers/json" + query -> "/v1.47/containers/json?..." */
  async versionedPath(path: string, query?: Query): Promise<string> {
    const v = await this.apiVersion();
    return `/v${v}${path}${encodeQuery(query)}`;
  }

  /** Send a request; resolves with the response on 2xx, throws ClientError otherwise. */
  async call(method: string, path: string, opts: CallOptions = {}): Promise<IncomingMessage> {
    const full = await this.versionedPath(path, opts.query);
    const headers: Record<string, string> = { ...opts.headers };
    let body: Buffer | string | Readable | undefined;
    const b = opts.body;
    if (b === undefined) body = undefined;
    else if (typeof b === 'string' || Buffer.isBuffer(b) || isReadable(b)) body = b as Buffer | string | Readable;
    else {
      body = JSON.stringify(b);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await this.transport.request({ method, path: full, headers, body, signal: opts.signal, longLived: opts.longLived });
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw await errorFromResponse(res);
    return res;
  }

  /** A call whose answer is JSON (undefined for empty bodies such as 204). */
  async json<T>(method: string, path: string, opts: CallOptions = {}): Promise<T> {
    const buf = await this.buffer(method, path, opts);
    const text = buf.toString('utf8').trim();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A call whose whole answer is read into memory. */
  async buffer(method: string, path: string, opts: CallOptions = {}): Promise<Buffer> {
    const res = await this.call(method, path, opts);
    return readAll(res);
  }

  /** A call with no interesting answer body. */
  async empty(method: string, path: string, opts: CallOptions = {}): Promise<void> {
    const res = await this.call(method, path, opts);
    res.resume();
    await new Promise<void>((resolve) => (res.complete ? resolve() : res.once('end', resolve).once('close', resolve)));
  }

  /** POST with Upgrade: tcp; see hijack.ts. */
  async hijack(path: string, query?: Query, signal?: AbortSignal, body?: unknown): Promise<HijackedStream> {
    return hijack(this.transport, await this.versionedPath(path, query), signal, body);
  }

  /** Release pooled connections. */
  close(): void {
    this.transport.close();
  }
}

function isReadable(v: unknown): v is Readable {
  return !!v && typeof (v as Readable).pipe === 'function' && typeof (v as Readable).on === 'function';
}

export { ClientError, readAll };
