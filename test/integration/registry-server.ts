// Debian's docker-registry (the real distribution server), started by a test
// on 127.0.0.1 with a free port and a temp storage dir, optionally with
// htpasswd basic auth, TLS (a CA the test makes) or bearer tokens from a
// token issuer the test runs. stop() kills it and removes its files.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RegistryServer {
  /** 127.0.0.1:PORT */
  host: string;
  port: number;
  dir: string;
  /** PEM of the CA that signed the registry's certificate (tls only). */
  caPem?: string;
  stop(): Promise<void>;
  /** Stops answering: SIGSTOP the registry (resume with cont()). */
  freeze(): void;
  cont(): void;
}

export interface RegistryOptions {
  htpasswd?: { user: string; password: string };
  tls?: boolean;
  /** Client certificates signed by the test CA are required (implies tls). */
  clientCA?: boolean;
  token?: { realm: string; service: string; issuer: string; certBundle: string };
  /** Extra env for the registry process. */
  env?: Record<string, string>;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

export function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A CA and a server certificate for 127.0.0.1/localhost in `dir`: ca.pem, ca.key, server.pem, server.key. */
export function makeCA(dir: string): void {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=berth test CA'], dir);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext'], dir);
}

/** A client certificate signed by the CA in `dir`: client.cert, client.key. */
export function makeClientCert(dir: string): void {
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=berth test client'], dir);
  openssl(['x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.cert', '-days', '2', '-extfile', 'client.ext'], dir);
}

export async function startRegistry(opts: RegistryOptions = {}): Promise<RegistryServer> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-registry-'));
  const port = await freePort();
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
  ];
  const tls = opts.tls || opts.clientCA;
  let caPem: string | undefined;
  if (tls) {
    makeCA(dir);
    caPem = readFileSync(join(dir, 'ca.pem'), 'utf8');
    lines.push('  tls:', `    certificate: ${join(dir, 'server.pem')}`, `    key: ${join(dir, 'server.key')}`);
    if (opts.clientCA) lines.push('    clientcas:', `      - ${join(dir, 'ca.pem')}`);
  }
  if (opts.htpasswd) {
    const r = spawnSync('htpasswd', ['-Bbn', opts.htpasswd.user, opts.htpasswd.password], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`htpasswd: ${r.stderr}`);
    writeFileSync(join(dir, 'htpasswd'), r.stdout);
    lines.push('auth:', '  htpasswd:', '    realm: basic-realm', `    path: ${join(dir, 'htpasswd')}`);
  } else if (opts.token) {
    lines.push('auth:', '  token:', `    realm: ${opts.token.realm}`, `    service: ${opts.token.service}`, `    issuer: ${opts.token.issuer}`, `    rootcertbundle: ${opts.token.certBundle}`);
  }
  writeFileSync(join(dir, 'config.yml'), lines.join('\n') + '\n');
  const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...opts.env },
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    if (await answers(port, !!tls)) break;
    if (child.exitCode !== null || i > 200) {
      await stop();
      throw new Error(`docker-registry did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host: `127.0.0.1:${port}`,
    port,
    dir,
    caPem,
    stop,
    freeze: () => child.kill('SIGSTOP'),
    cont: () => child.kill('SIGCONT'),
  };
}

/** The registry listens (a TCP connect; a TLS handshake may need a client certificate). */
function answers(port: number, _tls: boolean): Promise<boolean> {
  return new Promise((res) => {
    const sock = net.connect(port, '127.0.0.1', () => {
      sock.destroy();
      res(true);
    });
    sock.on('error', () => res(false));
  });
}
