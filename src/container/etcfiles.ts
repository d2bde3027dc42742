// /etc/hostname, /etc/hosts and /etc/resolv.conf that berthd writes for each
// container and bind-mounts in, shaped like Docker's.
import { chownSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerRecord } from './types';

const HOSTS_BASE = [
  '127.0.0.1\tlocalhost',
  '::1\tlocalhost ip6-localhost ip6-loopback',
  'fe00::0\tip6-localnet',
  'ff00::0\tip6-mcastprefix',
  'ff02::1\tip6-allnodes',
  'ff02::2\tip6-allrouters',
];

export interface EtcInput {
  /** The address on the container's first network, for its own hosts line. */
  selfIp?: string;
  /** Its IPv6 address there, on an EnableIPv6 network: a second own line, as dockerd writes. */
  selfIp6?: string;
  /** "ip\tnames" lines for legacy links. */
  linkHosts?: string[];
  /** What `host-gateway` in --add-host stands for (the default bridge's gateway). */
  hostGateway?: string;
  /** On user-defined networks: the embedded DNS server's address. */
  embeddedDns?: string;
  /** daemon.json `dns`. */
  daemonDns?: string[];
}

export function hostsFile(
  extraHosts: string[] | null | undefined,
  selfIp?: string,
  hostname?: string,
  opts: { linkHosts?: string[]; hostGateway?: string; selfIp6?: string } = {},
): string {
  const lines = [...HOSTS_BASE];
  for (const h of extraHosts ?? []) {
    // --add-host name:ip (ip may be IPv6 with colons; Docker also takes name=ip)
    const sep = h.includes('=') ? h.indexOf('=') : h.indexOf(':');
    if (sep <= 0) continue;
    let ip = h.slice(sep + 1);
    if (ip === 'host-gateway' && opts.hostGateway) ip = opts.hostGateway;
    lines.push(`${ip}\t${h.slice(0, sep)}`);
  }
  lines.push(...(opts.linkHosts ?? []));
  if (selfIp && hostname) lines.push(`${selfIp}\t${hostname}`);
  if (opts.selfIp6 && hostname) lines.push(`${opts.selfIp6}\t${hostname}`);
  return lines.join('\n') + '\n';
}

/** The host's resolv.conf without loopback resolvers (unreachable from a container), or Docker's fallback. */
export function resolvConf(hostText: string, dns?: string[] | null, search?: string[] | null, options?: string[] | null): string {
  const lines = hostText.split('\n');
  let servers = lines
    .filter((l) => /^\s*nameserver\s+/.test(l))
    .map((l) => l.trim().split(/\s+/)[1])
    .filter((ip) => !/^127\./.test(ip) && ip !== '::1');
  let searches = lines.filter((l) => /^\s*search\s+/.test(l)).flatMap((l) => l.trim().split(/\s+/).slice(1));
  let opts = lines.filter((l) => /^\s*options\s+/.test(l)).flatMap((l) => l.trim().split(/\s+/).slice(1));
  if (dns?.length) servers = dns;
  if (search?.length) searches = search.filter((s) => s !== '.');
  if (options?.length) opts = options;
  if (!servers.length) servers = ['8.8.8.8', '8.8.4.4'];
  const out: string[] = [];
  if (searches.length) out.push(`search ${searches.join(' ')}`);
  for (const s of servers) out.push(`nameserver ${s}`);
  if (opts.length) out.push(`options ${opts.join(' ')}`);
  return out.join('\n') + '\n';
}

/** `owner`: --userns-remap's root, so the container's root may edit its own files as it could without remapping. */
export function writeEtcFiles(
  dir: string,
  rec: ContainerRecord,
  input: EtcInput = {},
  owner?: { uid: number; gid: number },
): { hostname: string; hosts: string; resolvConf: string } {
  const hc = rec.hostConfig;
  const paths = { hostname: join(dir, 'hostname'), hosts: join(dir, 'hosts'), resolvConf: join(dir, 'resolv.conf') };
  if (hc.NetworkMode === 'host') {
    return { hostname: '/etc/hostname', hosts: '/etc/hosts', resolvConf: '/etc/resolv.conf' };
  }
  let host = '';
  try {
    host = readFileSync('/etc/resolv.conf', 'utf8');
  } catch {
    /* no host resolver: Docker's fallback servers */
  }
  writeFileSync(paths.hostname, `${rec.config.Hostname}\n`);
  const hostname = rec.config.Domainname ? `${rec.config.Hostname}.${rec.config.Domainname} ${rec.config.Hostname}` : rec.config.Hostname;
  writeFileSync(paths.hosts, hostsFile(hc.ExtraHosts, input.selfIp, hostname, input));
  // On user-defined networks the embedded server answers (and forwards to
  // --dns / daemon dns / the host's servers); elsewhere the servers go in directly.
  const servers = input.embeddedDns ? [input.embeddedDns] : hc.Dns?.length ? hc.Dns : input.daemonDns;
  writeFileSync(paths.resolvConf, resolvConf(host, servers, hc.DnsSearch, hc.DnsOptions));
  if (owner) for (const p of Object.values(paths)) chownSync(p, owner.uid, owner.gid);
  return paths;
}
