// Where a registry lives and how to talk to it, as Docker decides it:
//  - docker.io is served by registry-1.docker.io;
//  - HTTPS by default, with the system CAs plus every *.crt in
//    <certsDir>/<host[:port]>/ and a client certificate from a *.cert/*.key
//    pair there (Docker's /etc/docker/certs.d layout; berth's is
//    /etc/berth/certs.d, `berthd --registry-certs-dir` moves it);
//  - an insecure registry (daemon.json `insecure-registries`, host[:port] or
//    CIDR; 127.0.0.0/8 and ::1 always, as Docker allows loopback) is tried over
//    HTTPS without verification first and then over plain HTTP.
import { promises as fsp } from 'node:fs';
import { isIP } from 'node:net';
import * as path from 'node:path';
import { invalidArgument } from '../errdefs';
import { extraCaCerts } from '../util/extra-ca';

export interface TlsSettings {
  ca?: string[];
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
}

export interface Endpoint {
  /** The registry as named in references: localhost:5000, docker.io. */
  host: string;
  /** scheme://host[:port] to send requests to. */
  base: string;
  tls?: TlsSettings;
}

export interface HostsOptions {
  certsDir: string;
  /** host[:port] names and CIDRs. */
  insecure: string[];
}

export const DEFAULT_CERTS_DIR = '/etc/berth/certs.d';
const LOOPBACK_CIDRS = ['127.0.0.0/8', '::1/128'];

export type RegistryHosts = (host: string) => Promise<Endpoint[]>;

export function createRegistryHosts(opts: HostsOptions): RegistryHosts {
  for (const i of opts.insecure) {
    if (i.includes('://')) throw invalidArgument(`insecure registry ${i} should not contain '://'`);
  }
  const cidrs = [...LOOPBACK_CIDRS, ...opts.insecure.filter((i) => /\/\d+$/.test(i))];
  const names = new Set(opts.insecure.filter((i) => !/\/\d+$/.test(i)));
  return async (host) => {
    const remote = host === 'docker.io' ? 'registry-1.docker.io' : host;
    const insecure = names.has(host) || (await resolvesInto(hostname(remote), cidrs));
    const certs = await loadCerts(opts.certsDir, host, !insecure);
    const https: Endpoint = { host, base: `https://${remote}`, tls: { ...certs, rejectUnauthorized: !insecure } };
    return insecure ? [https, { host, base: `http://${remote}` }] : [https];
  };
}

/** host[:port] or [v6]:port → the bare host name or address. */
export function hostname(hostPort: string): string {
  if (hostPort.startsWith('[')) return hostPort.slice(1, hostPort.indexOf(']'));
  const i = hostPort.lastIndexOf(':');
  return i >= 0 && hostPort.indexOf(':') === i ? hostPort.slice(0, i) : hostPort;
}

async function resolvesInto(name: string, cidrs: string[]): Promise<boolean> {
  let addrs: string[];
  if (isIP(name)) addrs = [name];
  else {
    try {
      // Loaded here: only a registry named by host against CIDR insecure-registries asks (0.25 MiB idle otherwise).
      const { lookup } = require('node:dns/promises') as typeof import('node:dns/promises');
      addrs = (await lookup(name, { all: true })).map((a) => a.address);
    } catch {
      return false;
    }
  }
  return addrs.some((a) => cidrs.some((c) => inCidr(a, c)));
}

export function inCidr(addr: string, cidr: string): boolean {
  const [net, bitsStr] = cidr.split('/');
  const bits = Number(bitsStr);
  const a = toBytes(addr);
  const n = toBytes(net);
  if (!a || !n || a.length !== n.length) return false;
  for (let i = 0; i < a.length * 8 && i < bits; i++) {
    const mask = 0x80 >> (i % 8);
    if ((a[i >> 3] & mask) !== (n[i >> 3] & mask)) return false;
  }
  return true;
}

function toBytes(ip: string): number[] | undefined {
  if (isIP(ip) === 4) return ip.split('.').map(Number);
  if (isIP(ip) !== 6) return undefined;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return toBytes(v4[1]);
  const [head, tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => {
    const v = parseInt(g || '0', 16);
    return [v >> 8, v & 0xff];
  });
}

/** Docker's certs.d reading: *.crt are CAs (added to the system roots), NAME.cert pairs with NAME.key. */
async function loadCerts(certsDir: string, host: string, verify: boolean): Promise<Omit<TlsSettings, 'rejectUnauthorized'>> {
  const dir = path.join(certsDir, host.replace(/[/\\]/g, '_'));
  let files: string[];
  try {
    files = (await fsp.readdir(dir)).sort();
  } catch {
    files = [];
  }
  const out: Omit<TlsSettings, 'rejectUnauthorized'> = {};
  const cas: string[] = [];
  // NODE_EXTRA_CA_CERTS, which node no longer loads at berthd's start (util/extra-ca.ts)
  const extra = verify ? extraCaCerts() : undefined;
  if (extra) cas.push(extra);
  for (const f of files) {
    const p = path.join(dir, f);
    if (f.endsWith('.crt')) cas.push(await fsp.readFile(p, 'utf8'));
    else if (f.endsWith('.cert')) {
      const key = f.slice(0, -'.cert'.length) + '.key';
      if (!files.includes(key)) throw invalidArgument(`missing key ${key} for client certificate ${f}. CA certificates must use the extension .crt`);
      out.cert = await fsp.readFile(p, 'utf8');
      out.key = await fsp.readFile(path.join(dir, key), 'utf8');
    } else if (f.endsWith('.key')) {
      const cert = f.slice(0, -'.key'.length) + '.cert';
      if (!files.includes(cert)) throw invalidArgument(`missing client certificate ${cert} for key ${f}`);
    }
  }
  // CAs only where the server is verified (parsing the roots and a bundle
  // costs a loopback pull 30 ms for nothing), and node:tls only when there
  // are CAs of our own to add (berthd loads it lazily: idle memory)
  if (verify && cas.length) out.ca = [...(require('node:tls') as typeof import('node:tls')).rootCertificates, ...cas];
  return out;
}
