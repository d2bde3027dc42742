// What a command handler gets: the global options, the output streams and a
// lazily made API client (so `--help` never loads the client code).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Client } from '../client';

export interface GlobalOptions {
  host?: string[];
  debug?: boolean;
  logLevel?: string;
  config?: string;
  tls?: boolean;
  tlsverify?: boolean;
  tlscacert?: string;
  tlscert?: string;
  tlskey?: string;
}

export interface ConfigFile {
  psFormat?: string;
  imagesFormat?: string;
  volumesFormat?: string;
  networksFormat?: string;
  statsFormat?: string;
  detachKeys?: string;
}

export const DEFAULT_HOST = 'unix:///run/berth/berth.sock';

/** -H, else BERTH_HOST, else DOCKER_HOST, else the default socket. */
export function resolveHost(flags: string[] | undefined, env: NodeJS.ProcessEnv): string {
  if (flags && flags.length > 1) throw new Error('Specify only one -H');
  return flags?.[0] || env.BERTH_HOST || env.DOCKER_HOST || DEFAULT_HOST;
}

/**
 * TLS settings as the docker CLI makes them: --tlsverify (or BERTH_TLS_VERIFY /
 * DOCKER_TLS_VERIFY non-empty) turns TLS on and checks the daemon; --tls alone
 * encrypts without checking. Files default to ca.pem, cert.pem and key.pem in
 * BERTH_CERT_PATH, DOCKER_CERT_PATH or ~/.berth; a default file that does not
 * exist is left out, a named one must exist.
 */
export function resolveTls(g: GlobalOptions, env: NodeJS.ProcessEnv): TlsSettings | undefined {
  const verify = !!g.tlsverify || !!env.BERTH_TLS_VERIFY || !!env.DOCKER_TLS_VERIFY;
  if (!verify && !g.tls) return undefined;
  const dir = env.BERTH_CERT_PATH || env.DOCKER_CERT_PATH || path.join(os.homedir(), '.berth');
  const load = (given: string | undefined, name: string): Buffer | undefined => {
    const file = given || path.join(dir, name);
    try {
      return fs.readFileSync(file);
    } catch (err) {
      if (!given && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`Could not load X509 key pair: open ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
    }
  };
  // Without a CA file the daemon is checked against the system's roots, as
  // docker does — plus NODE_EXTRA_CA_CERTS, which bin/berth hands over under
  // another name so that node does not load it at every start.
  let ca: Buffer | Array<string | Buffer> | undefined = load(g.tlscacert, 'ca.pem');
  const extra = env.BERTH_EXTRA_CA_CERTS;
  if (!ca && extra) {
    try {
      // required here: loading node:tls is start-up time every other command would pay
      const { rootCertificates } = require('node:tls') as typeof import('node:tls');
      ca = [...rootCertificates, fs.readFileSync(extra)];
    } catch {
      // node itself only warns about an unreadable NODE_EXTRA_CA_CERTS
    }
  }
  return { verify, ca, cert: load(g.tlscert, 'cert.pem'), key: load(g.tlskey, 'key.pem') };
}

export interface TlsSettings {
  verify: boolean;
  ca?: Buffer | Array<string | Buffer>;
  cert?: Buffer;
  key?: Buffer;
}

export class Cli {
  readonly globals: GlobalOptions;
  readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  readonly err: NodeJS.WritableStream;
  readonly in: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  readonly env: NodeJS.ProcessEnv;
  private clientInstance: Client | undefined;
  private configCache: ConfigFile | undefined;

  constructor(globals: GlobalOptions, io: Partial<Pick<Cli, 'out' | 'err' | 'in' | 'env'>> = {}) {
    this.globals = globals;
    this.out = io.out ?? process.stdout;
    this.err = io.err ?? process.stderr;
    this.in = io.in ?? process.stdin;
    this.env = io.env ?? process.env;
  }

  get host(): string {
    return resolveHost(this.globals.host, this.env);
  }

  client(): Client {
    if (!this.clientInstance) {
      // required here, not imported at the top: keeps `berth --help` fast
      const { Client: ClientClass } = require('../client') as typeof import('../client');
      this.clientInstance = new ClientClass({
        host: this.host,
        version: this.env.BERTH_API_VERSION || this.env.DOCKER_API_VERSION || undefined,
        tls: resolveTls(this.globals, this.env),
      });
    }
    return this.clientInstance;
  }

  /** The client config file (~/.berth/config.json, or --config / BERTH_CONFIG). */
  config(): ConfigFile {
    if (!this.configCache) {
      const dir = this.globals.config || this.env.BERTH_CONFIG || path.join(os.homedir(), '.berth');
      try {
        this.configCache = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as ConfigFile;
      } catch {
        this.configCache = {};
      }
    }
    return this.configCache;
  }

  print(line = ''): void {
    this.out.write(`${line}\n`);
  }

  printErr(line = ''): void {
    this.err.write(`${line}\n`);
  }

  /** Close pooled connections so the process can exit. */
  close(): void {
    this.clientInstance?.close();
  }
}
