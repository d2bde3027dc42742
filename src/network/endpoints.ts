// A container's endpoints: its persistent network namespace, one CNI ADD
// chain per network (bridge, + portmap when ports are published), and the
// endpoint rows. berthd picks the address (the lowest free one in the
// network's ip-range or subnet, or the one asked for) so that the MAC can be
// Docker's 02:42:<ip>; host-local records the lease and refuses a taken one.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { invalidArgument, system } from '../errdefs';
import { createNetns, listNetns, removeNetns } from '../sys/netns';
import type { IdMapping } from '../util/idmap';
import { addChain, CniError, delChain } from './cni';
import { run } from '../util/exec';
import { contains, formatIp, macFor, parseCidr, parseIp, size } from './ipv4';
import { contains6, formatIp6, isV6Text, last6, parseCidr6, parseIp6 } from './ipv6';
import { hasIpv6 } from './ipv6-pool';
import type { NetworkManager } from './manager';
import { allocatePorts, PortTakenError, type PortBindings } from './ports';
import type { EndpointRecord, NetworkRecord, PublishedPort } from './types';

export interface AttachRequest {
  network: NetworkRecord;
  ipv4?: string;
  ipv6?: string;
  /** IPAMConfig.LinkLocalIPs: extra addresses on the interface (IPv4 as /16, IPv6 as /64, as dockerd adds them). */
  linkLocalIPs?: string[];
  mac?: string;
  aliases: string[];
  publish?: { bindings: PortBindings; exposed: Record<string, object>; publishAll: boolean };
}

/** One at a time: address and host-port choice must see every earlier choice. */
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => {});
  return next;
}

export function netnsPath(m: NetworkManager, containerId: string): string {
  return join(m.netnsDir, containerId);
}

export function usernsPath(m: NetworkManager, containerId: string): string {
  return join(m.usernsDir, containerId);
}

/**
 * The container's network namespace. With a mapping (--userns-remap) it is
 * made inside a user namespace of its own, kept at usernsPath, which the
 * container joins.
 */
export async function createSandbox(m: NetworkManager, containerId: string, mapping?: IdMapping): Promise<string> {
  const path = netnsPath(m, containerId);
  // A namespace left by an earlier run whose teardown did not finish: forget it first.
  if (existsSync(path) || existsSync(usernsPath(m, containerId))) await destroySandbox(m, containerId);
  await createNetns(path, mapping && { path: usernsPath(m, containerId), mapping });
  return path;
}

/**
 * Detaches every endpoint of the container and removes its namespace.
 * `vacant`: no process is left in the namespace (the container has exited
 * and nobody joined it). It is then dropped first: the kernel takes its
 * veths down in the background, where deleting each one in place waits out
 * RCU grace periods — most of a teardown's time. CNI DEL then finds the
 * namespace gone, which the CNI spec has plugins accept: host-local still
 * frees the address and portmap its rules.
 */
export async function destroySandbox(m: NetworkManager, containerId: string, opts: { vacant?: boolean } = {}): Promise<void> {
  const eps = m.store.endpoints({ containerId });
  if (opts.vacant && eps.length) await removeNetns(netnsPath(m, containerId));
  for (const e of eps) await detach(m, e);
  const path = netnsPath(m, containerId);
  if (!eps.length && existsSync(path)) await forgetEverywhere(m, containerId, path);
  await removeNetns(path);
  await removeNetns(usernsPath(m, containerId));
}

/**
 * A namespace without endpoint rows: berthd died between CNI ADD and the
 * row, so nothing says which networks were touched. Every bridge network is
 * asked to forget the container (veth, lease, portmap chains); plugins
 * ignore what they never made.
 */
async function forgetEverywhere(m: NetworkManager, containerId: string, path: string): Promise<void> {
  for (const n of m.store.networks().filter((x) => x.driver === 'bridge')) {
    // portmap skips a DEL without mappings; its chains are named by container, so any mapping does.
    const ports = [{ hostIp: '0.0.0.0', hostPort: 1, containerPort: 1, proto: 'tcp' as const }];
    for (let i = 0; i < 4; i++) {
      await delChain({ pluginDir: m.o.pluginDir }, m.cniName(n), plugins(m, n, ports), { containerId, netns: path, ifname: `eth${i}` }).catch(() => {});
    }
  }
}

function plugins(m: NetworkManager, n: NetworkRecord, ports: PublishedPort[], ip6?: string): Record<string, unknown>[] {
  const v6 = hasIpv6(n);
  const bridge = {
    type: 'bridge',
    bridge: n.bridge,
    isGateway: true,
    // Masquerading is one rule per network (iptables.ts), not a chain per container.
    ipMasq: false,
    hairpinMode: true,
    ipam: {
      type: 'host-local',
      dataDir: m.ipamDir,
      ranges: [[{ subnet: n.subnet, gateway: n.gateway }], ...(v6 ? [[{ subnet: n.subnet6, gateway: n.gateway6 }]] : [])],
      routes: n.internal ? [] : [{ dst: '0.0.0.0/0' }, ...(v6 ? [{ dst: '::/0' }] : [])],
    },
    // The IPv6 address berthd chose: CNI_ARGS carries one IP, host-local takes more from args.cni.ips.
    ...(ip6 ? { args: { cni: { ips: [ip6] } } } : {}),
  };
  if (!ports.length) return [bridge];
  // Published ports are DNAT rules (portmap), no process per port. With
  // snat, portmap turns on route_localnet on the bridge and masquerades
  // 127.0.0.0/8 sources, so 127.0.0.1:PORT works without a proxy in berthd.
  const portmap = {
    type: 'portmap',
    capabilities: { portMappings: true },
    snat: true,
    runtimeConfig: {
      portMappings: ports.map((p) => ({
        hostPort: p.hostPort,
        containerPort: p.containerPort,
        protocol: p.proto,
        hostIP: p.hostIp === '0.0.0.0' ? '' : p.hostIp,
      })),
    },
  };
  return [bridge, portmap];
}

/** Docker's check at create: the address must be in the network's subnet, which the user must have chosen. */
export function validateAddress(n: NetworkRecord, ip: string): void {
  if (n.predefined) throw invalidArgument('user specified IP address is supported on user defined networks only');
  if (!n.userSubnet) throw invalidArgument('user specified IP address is supported only when connecting to networks with user configured subnets');
  const a = parseIp(ip);
  if (a === undefined) throw invalidArgument(`invalid IPv4 address: ${ip}`);
  if (!contains(parseCidr(n.subnet!)!.cidr, a)) {
    throw invalidArgument(`invalid endpoint settings:\nno configured subnet or ip-range contain the IP address ${ip}`);
  }
}

function validateAddress6(n: NetworkRecord, ip: string): void {
  const a = parseIp6(ip);
  if (a === undefined) throw invalidArgument(`invalid IPv6 address: ${ip}`);
  if (n.predefined) throw invalidArgument('user specified IP address is supported on user defined networks only');
  if (!n.subnet6) throw invalidArgument('user specified IP address is supported only when connecting to networks with user configured subnets');
  if (!contains6(parseCidr6(n.subnet6)!.cidr, a)) {
    throw invalidArgument(`invalid endpoint settings:\nno configured subnet or ip-range contain the IP address ${ip}`);
  }
}

/** An endpoint's IPAMConfig as create and connect send it. */
export interface IpamRequest {
  IPv4Address?: string;
  IPv6Address?: string;
  LinkLocalIPs?: string[] | null;
}

/**
 * The checks at create and connect: the addresses' form always, their
 * network's subnets when the network exists (one that does not is start's
 * error). An IPv6 address on a network whose pool is not enabled is kept and
 * ignored, as dockerd 20.10 does.
 */
export function validateEndpointIpam(n: NetworkRecord | undefined, c: IpamRequest | null | undefined): void {
  if (!c) return;
  if (c.IPv6Address && parseIp6(c.IPv6Address) === undefined) throw invalidArgument(`invalid IPv6 address: ${c.IPv6Address}`);
  validateLinkLocal(c.LinkLocalIPs ?? []);
  if (!n) return;
  if (c.IPv4Address) validateAddress(n, c.IPv4Address);
  if (c.IPv6Address) validateAddress6(n, c.IPv6Address);
}

/** IPAMConfig.LinkLocalIPs: any IPv4 or IPv6 address (dockerd's check at create). */
function validateLinkLocal(ips: string[]): void {
  for (const ip of ips) {
    if (parseIp(ip) === undefined && parseIp6(ip) === undefined) throw invalidArgument(`invalid link-local IP address: ${ip}`);
  }
}

/** The endpoint's IPv6 address: the one asked for, else the lowest free one of the ip-range (or subnet). */
function pickIpv6(n: NetworkRecord, want: string | undefined, used: Set<bigint>): bigint {
  const subnet = parseCidr6(n.subnet6!)!.cidr;
  const gw = parseIp6(n.gateway6!)!;
  for (const aux of Object.values(n.auxAddresses6 ?? {})) used.add(parseIp6(aux)!);
  if (want) {
    const a = parseIp6(want)!;
    if (used.has(a) || a === gw) throw invalidArgument('failed to set up container networking: Address already in use');
    return a;
  }
  const range = n.ipRange6 ? parseCidr6(n.ipRange6)!.cidr : subnet;
  const end = last6(range);
  // used is small: at most used.size + 2 addresses are skipped before a free one.
  for (let a = range.base; a <= end; a++) {
    if (a === subnet.base || a === gw || used.has(a)) continue;
    return a;
  }
  throw system(`no available IPv6 addresses on this network's address pools: ${n.name} (${n.id})`);
}

export function attach(
  m: NetworkManager,
  c: { id: string; name: string; netns: string; ifname: string },
  req: AttachRequest,
): Promise<EndpointRecord> {
  return serial(async () => {
    const n = req.network;
    if (n.driver !== 'bridge') throw system(`network ${n.name} has no endpoints`);
    const subnet = parseCidr(n.subnet!)!.cidr;
    const gw = parseIp(n.gateway!)!;
    const peers = m.store.endpoints({ networkId: n.id });
    const used = new Set(peers.map((e) => parseIp(e.ip)));
    // IPAM AuxiliaryAddresses are reserved, as dockerd's IPAM never hands them out.
    for (const aux of Object.values(n.auxAddresses ?? {})) used.add(parseIp(aux));
    let ip: number | undefined;
    if (req.ipv4) {
      validateAddress(n, req.ipv4);
      ip = parseIp(req.ipv4)!;
      if (used.has(ip) || ip === gw) throw invalidArgument('failed to set up container networking: Address already in use');
    } else {
      const range = n.ipRange ? parseCidr(n.ipRange)!.cidr : subnet;
      const last = subnet.base + size(subnet) - 1;
      for (let a = range.base; a < range.base + size(range); a++) {
        if (a === subnet.base || a === last || a === gw || used.has(a)) continue;
        ip = a;
        break;
      }
      if (ip === undefined) throw system(`no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`);
    }
    if (req.ipv6) validateAddress6(n, req.ipv6);
    const ip6 = hasIpv6(n) ? formatIp6(pickIpv6(n, req.ipv6, new Set(peers.flatMap((e) => (e.ip6 ? [parseIp6(e.ip6)!] : []))))) : undefined;
    const endpointId = randomBytes(32).toString('hex');
    const ports = req.publish
      ? await allocatePorts(
          req.publish.bindings,
          req.publish.exposed,
          req.publish.publishAll,
          m.store.endpoints().flatMap((e) => e.ports),
          `${c.name} (${endpointId})`,
          formatIp(ip),
          m.ports,
        ).catch((err) => {
          throw err instanceof PortTakenError ? system(err.message) : err;
        })
      : [];
    const mac = req.mac || macFor(ip);
    const result = await addChain({ pluginDir: m.o.pluginDir }, m.cniName(n), plugins(m, n, ports, ip6), {
      containerId: c.id,
      netns: c.netns,
      ifname: c.ifname,
      args: { IP: formatIp(ip), MAC: mac },
    }).catch((err) => {
      for (const p of ports) m.ports.release(p);
      throw err instanceof CniError ? system(`failed to set up container networking: ${err.message}`) : err;
    });
    const got = result.ips?.find((x) => !isV6Text(x.address))?.address ?? `${formatIp(ip)}/${subnet.prefix}`;
    const got6 = ip6 && (result.ips?.find((x) => isV6Text(x.address))?.address ?? `${ip6}/${n.subnet6!.split('/')[1]}`);
    const ep: EndpointRecord = {
      containerId: c.id,
      networkId: n.id,
      endpointId,
      ifname: c.ifname,
      ip: got.split('/')[0],
      prefixLen: Number(got.split('/')[1]),
      gateway: n.internal ? '' : n.gateway!,
      mac,
      ...(got6 ? { ip6: got6.split('/')[0], prefixLen6: Number(got6.split('/')[1]), gateway6: n.internal ? '' : n.gateway6 } : {}),
      ...(req.linkLocalIPs?.length ? { linkLocalIPs: req.linkLocalIPs } : {}),
      aliases: req.aliases,
      ports,
      netns: c.netns,
    };
    m.store.putEndpoint(ep);
    if (req.linkLocalIPs?.length) {
      await addLinkLocal(c.netns, c.ifname, req.linkLocalIPs).catch(async (err) => {
        await detach(m, ep);
        throw err;
      });
    }
    return ep;
  });
}

/** LinkLocalIPs go on the interface as dockerd puts them: IPv4 ones in 169.254/16, IPv6 ones in fe80::/64. */
async function addLinkLocal(netns: string, ifname: string, ips: string[]): Promise<void> {
  for (const ip of ips) {
    const cidr = isV6Text(ip) ? `${ip}/64` : `${ip}/16`;
    await run('nsenter', [`--net=${netns}`, 'ip', 'addr', 'add', cidr, 'dev', ifname]).catch((err) => {
      throw system(`failed to set up container networking: link-local address ${ip}: ${err.message ?? err}`);
    });
  }
}

/** CNI DEL for one endpoint (its veth, lease and port rules); the row goes even if a plugin complains. */
export async function detach(m: NetworkManager, e: EndpointRecord): Promise<void> {
  const n = m.store.network(e.networkId);
  if (n) {
    await delChain({ pluginDir: m.o.pluginDir }, m.cniName(n), plugins(m, n, e.ports), {
      containerId: e.containerId,
      netns: e.netns,
      ifname: e.ifname,
    }).catch((err) => m.o.log('warn', `CNI DEL ${e.containerId.slice(0, 12)} on ${n.name}: ${err.message ?? err}`));
  }
  for (const p of e.ports) m.ports.release(p);
  m.store.deleteEndpoint(e.containerId, e.networkId);
}

/**
 * After a restart or crash of berthd: endpoints, namespaces and leases of
 * containers that are no longer running go; those of live ones stay.
 */
export async function restoreEndpoints(m: NetworkManager, live: Set<string>): Promise<void> {
  const detached = new Set<string>();
  for (const e of m.store.endpoints()) {
    if (!live.has(e.containerId)) {
      await detach(m, e);
      detached.add(e.containerId);
    }
    else {
      // Bind the live containers' published ports again.
      for (const p of e.ports) {
        await m.ports.hold(p.hostIp, p.hostPort, p.proto).catch((err) => m.o.log('warn', `re-binding host port ${p.hostIp}:${p.hostPort}/${p.proto}: ${err.message}`));
      }
    }
  }
  for (const path of listNetns(m.netnsDir)) {
    const id = path.slice(m.netnsDir.length + 1);
    if (live.has(id)) continue;
    if (detached.has(id)) {
      await removeNetns(path).catch((err) => m.o.log('warn', `removing netns ${path}: ${err}`));
      continue;
    }
    await forgetEverywhere(m, id, path);
    await removeNetns(path).catch((err) => m.o.log('warn', `removing netns ${path}: ${err}`));
  }
  for (const path of listNetns(m.usernsDir)) {
    if (live.has(path.slice(m.usernsDir.length + 1))) continue;
    await removeNetns(path).catch((err) => m.o.log('warn', `removing userns ${path}: ${err}`));
  }
  for (const net of safeList(m.ipamDir)) {
    for (const f of safeList(join(m.ipamDir, net))) {
      if (parseIp(f) === undefined && parseIp6(f) === undefined) continue;
      const file = join(m.ipamDir, net, f);
      let owner = '';
      try {
        owner = readFileSync(file, 'utf8').split(/\r?\n/)[0].trim();
      } catch {
        continue;
      }
      if (!live.has(owner)) rmSync(file, { force: true });
    }
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
