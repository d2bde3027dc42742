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

// ---- putting hand-made images into a registry (anonymous, plain HTTP) ----

import { createHash } from 'node:crypto';
import httpClient from 'node:http';

export const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function call(host: string, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; headers: httpClient.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((res, rej) => {
    const [h, p] = host.split(':');
    const req = httpClient.request({ host: h, port: Number(p), method, path, headers: { ...headers, 'Content-Length': String(body?.length ?? 0) } }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', rej);
    req.end(body);
  });
}

export async function putBlob(host: string, repo: string, data: Buffer): Promise<string> {
  const digest = sha(data);
  const start = await call(host, 'POST', `/v2/${repo}/blobs/uploads/`);
  if (start.status !== 202) throw new Error(`upload start: ${start.status} ${start.body}`);
  const loc = new URL(String(start.headers.location), `http://${host}`);
  loc.searchParams.set('digest', digest);
  const put = await call(host, 'PUT', loc.pathname + loc.search, data, { 'Content-Type': 'application/octet-stream' });
  if (put.status !== 201) throw new Error(`blob put: ${put.status} ${put.body}`);
  return digest;
}

export async function putManifest(host: string, repo: string, ref: string, mediaType: string, m: unknown): Promise<{ digest: string; size: number }> {
  const bytes = Buffer.from(JSON.stringify(m));
  const r = await call(host, 'PUT', `/v2/${repo}/manifests/${ref}`, bytes, { 'Content-Type': mediaType });
  if (r.status !== 201) throw new Error(`manifest put: ${r.status} ${r.body}`);
  return { digest: sha(bytes), size: bytes.length };
}

export async function getJSON(host: string, path: string, accept?: string): Promise<{ status: number; json: any; headers: httpClient.IncomingHttpHeaders }> {
  const r = await call(host, 'GET', path, undefined, accept ? { Accept: accept } : {});
  let json: any;
  try {
    json = JSON.parse(r.body.toString());
  } catch {
    json = undefined;
  }
  return { status: r.status, json, headers: r.headers };
}

export interface RawImage {
  /** gzip-compressed layer tars, bottom first */
  layers: Buffer[];
  /** uncompressed digests (diff_ids) of the layers */
  diffIds: string[];
  arch?: string;
  oci?: boolean;
  cmd?: string[];
}

/** Uploads layers + config and PUTs a schema 2 (or OCI) manifest; returns the manifest's digest and size. */
export async function pushRaw(host: string, repo: string, ref: string, img: RawImage): Promise<{ digest: string; size: number; configDigest: string }> {
  const config = Buffer.from(
    JSON.stringify({
      architecture: img.arch ?? 'amd64',
      os: 'linux',
      config: { Cmd: img.cmd ?? ['sh'] },
      rootfs: { type: 'layers', diff_ids: img.diffIds },
      history: img.layers.map(() => ({ created_by: 'test' })),
    }),
  );
  const configDigest = await putBlob(host, repo, config);
  const layers = [];
  for (const l of img.layers) layers.push({ digest: await putBlob(host, repo, l), size: l.length });
  const mt = img.oci
    ? { m: 'application/vnd.oci.image.manifest.v1+json', c: 'application/vnd.oci.image.config.v1+json', l: 'application/vnd.oci.image.layer.v1.tar+gzip' }
    : { m: 'application/vnd.docker.distribution.manifest.v2+json', c: 'application/vnd.docker.container.image.v1+json', l: 'application/vnd.docker.image.rootfs.diff.tar.gzip' };
  const manifest = {
    schemaVersion: 2,
    mediaType: mt.m,
    config: { mediaType: mt.c, digest: configDigest, size: config.length },
    layers: layers.map((l) => ({ mediaType: mt.l, ...l })),
  };
  return { ...(await putManifest(host, repo, ref, mt.m, manifest)), configDigest };
}

/** A gzipped tar of `files` (path → content; bin/* executable) made with tar(1); returns it and its diff_id. */
export function makeLayer(workDir: string, files: Record<string, string | Buffer>): { gz: Buffer; diffId: string } {
  const { mkdirSync, writeFileSync: wf, readFileSync: rf, mkdtempSync: mk } = require('node:fs') as typeof import('node:fs');
  const { dirname } = require('node:path') as typeof import('node:path');
  const root = mk(join(workDir, 'layer-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(root, dirname(p)), { recursive: true });
    wf(join(root, p), c, { mode: p.startsWith('bin/') ? 0o755 : 0o644 });
  }
  const tarFile = `${root}.tar`;
  const r = spawnSync('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', tarFile, '.']);
  if (r.status !== 0) throw new Error('tar failed');
  const tarBytes = rf(tarFile);
  const gz = require('node:zlib').gzipSync(tarBytes) as Buffer;
  return { gz, diffId: sha(tarBytes) };
}

/**
 * A proxy on loopback in front of a registry that misbehaves for one blob:
 * 'corrupt' flips a byte of it, 'stall' sends half of it and then goes
 * silent, 'cut' sends half and closes the connection. It runs in a child
 * process: the tests drive the CLIs with spawnSync, which blocks this one.
 */
export type FaultMode = 'corrupt' | 'stall' | 'cut' | 'cut-once' | 'pass' | 'manifest';

export async function startFaultyProxy(target: string, blob: string, mode: FaultMode): Promise<{ host: string; stop(): Promise<void>; setMode(m: FaultMode): Promise<void> }> {
  const { fork } = require('node:child_process') as typeof import('node:child_process');
  const child = fork(join(__dirname, 'faulty-proxy.js'), [target, blob, mode], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const next = () => new Promise<any>((res, rej) => {
    child.once('message', res);
    child.once('exit', () => rej(new Error('faulty proxy exited')));
  });
  const { port } = await next();
  return {
    host: `127.0.0.1:${port}`,
    async setMode(m) {
      const ack = next();
      child.send({ mode: m });
      await ack;
    },
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
