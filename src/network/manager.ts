// Networks: the predefined bridge, host and none, user-defined bridge
// networks (create, list, find, remove, prune), their bridges, iptables
// rules and DNS listeners. Endpoints (a container on a network) are in
// endpoints.ts; this file owns the networks themselves.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { conflict, forbidden, invalidArgument, notFound } from '../errdefs';
import { deleteLink, deviceAddress, ensureBridge, hostRoutes } from './device';
import { DnsServer, hostNameservers } from './dns';
import { Iptables, chainsFor } from './iptables';
import { PortHolder } from './port-holder';
import { contains, firstFreePool, formatCidr, formatIp, overlaps, parseCidr, parseIp, type Cidr } from './ipv4';
import { hasIpv6, ipv6Pool } from './ipv6-pool';
import { isV6Text } from './ipv6';
import type { EndpointRecord, NetworkRecord, NetworkStore } from './types';

type Log = (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void;

export interface NetworkManagerOptions {
  store: NetworkStore;
  execRoot: string;
  /** Short per-daemon tag in chain and CNI names, so two berthds never share them. */
  tag: string;
  pluginDir: string;
  /** -b/--bridge and --bip. */
  bridge: string;
  bip: string;
  /** daemon.json `dns`: upstreams of the embedded DNS server. */
  dns: string[];
  log: Log;
}

export const DEFAULT_BRIDGE = 'berth0';

export interface CreateNetworkRequest {
  Name?: string;
  Driver?: string;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  IPAM?: {
    Driver?: string;
    Config?: { Subnet?: string; Gateway?: string; IPRange?: string; AuxiliaryAddresses?: Record<string, string> | null }[] | null;
    Options?: unknown;
  } | null;
}

const BRIDGE_NAME_OPT = 'com.docker.network.bridge.name';

export class NetworkManager {
  readonly store: NetworkStore;
  readonly iptables: Iptables;
  /** ip6tables is touched only once an EnableIPv6 network exists (then its chains are made and kept). */
  readonly ip6tables: Iptables;
  private ip6Ready = false;
  readonly dns: DnsServer;
  /** Sockets that keep published host ports bound (port-holder.ts). */
  readonly ports = new PortHolder();
  private lookupName: (networkId: string, name: string, from: string) => string[] = () => [];
  private containerDns: (networkId: string, ip: string) => string[] = () => [];

  constructor(readonly o: NetworkManagerOptions) {
    this.store = o.store;
    this.iptables = new Iptables(chainsFor(o.tag));
    this.ip6tables = new Iptables(chainsFor(o.tag), 6);
    this.dns = new DnsServer({
      lookup: (n, name, from) => this.lookupName(n, name, from),
      upstreams: (n, from) => {
        const own = this.containerDns(n, from);
        return own.length ? own : o.dns.length ? o.dns : hostNameservers();
      },
      log: o.log,
    });
  }

  get ipamDir(): string {
    return join(this.o.execRoot, 'cni', 'ipam');
  }
  get netnsDir(): string {
    return join(this.o.execRoot, 'netns');
  }
  /** User namespaces that own containers' network namespaces (--userns-remap). */
  get usernsDir(): string {
    return join(this.o.execRoot, 'userns');
  }
  cniName(n: NetworkRecord): string {
    return `berth-${this.o.tag}-${n.id.slice(0, 12)}`;
  }

  /** How the DNS server finds containers by name; set by the daemon, which knows container names. */
  setResolver(fn: (networkId: string, name: string, from: string) => string[], dnsOf: (networkId: string, ip: string) => string[]): void {
    this.lookupName = fn;
    this.containerDns = dnsOf;
  }

  /** Startup: predefined networks, the default bridge, every bridge and its rules, DNS listeners. */
  async init(): Promise<void> {
    mkdirSync(this.ipamDir, { recursive: true, mode: 0o700 });
    mkdirSync(this.netnsDir, { recursive: true, mode: 0o711 });
    for (const [name, driver] of [['none', 'null'], ['host', 'host']] as const) {
      if (!this.store.networkByName(name)) this.store.putNetwork(this.blank(name, driver, true));
    }
    const bridge = this.store.networkByName('bridge') ?? this.blank('bridge', 'bridge', true);
    const cfg = await this.defaultBridgeConfig();
    Object.assign(bridge, cfg, {
      options: {
        'com.docker.network.bridge.default_bridge': 'true',
        'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'true',
        'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
        [BRIDGE_NAME_OPT]: cfg.bridge,
        'com.docker.network.driver.mtu': '1500',
      },
    });
    this.store.putNetwork(bridge);
    const bridges = this.store.networks().filter((n) => n.driver === 'bridge');
    for (const n of bridges) await ensureBridge(n.bridge!, gatewayCidr(n), gatewayCidr6(n));
    await this.iptables.reset(bridges);
    if (bridges.some(hasIpv6)) await this.ip6Rules(bridges);
    for (const n of bridges) if (!n.predefined) await this.dns.listen(n.id, n.gateway!);
  }

  private async defaultBridgeConfig(): Promise<Pick<NetworkRecord, 'bridge' | 'subnet' | 'gateway'>> {
    const name = this.o.bridge || DEFAULT_BRIDGE;
    let addr: string | undefined | null;
    if (this.o.bip) addr = this.o.bip;
    else {
      addr = await deviceAddress(name);
      if (addr === null && this.o.bridge) throw new Error(`bridge device ${name} not found: -b names an existing bridge`);
    }
    if (!addr) {
      const mine = this.store.networks().filter((n) => n.subnet && n.name !== 'bridge').map((n) => parseCidr(n.subnet!)!.cidr);
      const pool = firstFreePool([...(await hostRoutes()), ...mine]);
      if (!pool) throw new Error('could not find a free address pool for the default bridge');
      addr = `${formatIp(pool.base + 1)}/${pool.prefix}`;
    }
    const p = parseCidr(addr)!;
    return { bridge: name, subnet: formatCidr(p.cidr), gateway: formatIp(p.ip) };
  }

  private blank(name: string, driver: NetworkRecord['driver'], predefined: boolean): NetworkRecord {
    return {
      id: randomBytes(32).toString('hex'),
      name,
      driver,
      created: new Date().toISOString(),
      internal: false,
      attachable: false,
      labels: {},
      options: {},
      predefined,
    };
  }

  list(): NetworkRecord[] {
    return this.store.networks();
  }

  /** By full ID, name, or unique ID prefix, as Docker resolves network references. */
  find(ref: string): NetworkRecord {
    const byId = this.store.network(ref);
    if (byId) return byId;
    const byName = this.store.networkByName(ref);
    if (byName) return byName;
    const matches = this.store.networks().filter((n) => n.id.startsWith(ref));
    if (matches.length === 1 && ref.length > 0) return matches[0];
    if (matches.length > 1) throw invalidArgument(`network ${ref} is ambiguous (${matches.length} matches found based on ID prefix)`);
    throw notFound(`network ${ref} not found`);
  }

  async create(req: CreateNetworkRequest): Promise<{ Id: string; Warning: string }> {
    const name = req.Name ?? '';
    if (!name) throw invalidArgument('network name must not be empty');
    // dockerd takes any non-empty name ("test 01", "a/b"): names never reach device or file names (those use the ID).
    const driver = req.Driver || 'bridge';
    if (['host', 'null', 'none'].includes(driver)) {
      throw forbidden(`only one instance of "${driver === 'none' ? 'null' : driver}" network is allowed`);
    }
    if (driver !== 'bridge') throw notFound(`plugin "${driver}" not found`);
    if (this.store.networkByName(name)) throw conflict(`network with name ${name} already exists`);
    const configs = req.IPAM?.Config ?? [];
    // dockerd takes one pool per family, told apart by the subnet's form; a config without a subnet is IPv4's.
    const v6configs = configs.filter((x) => x.Subnet && isV6Text(x.Subnet));
    const v4configs = configs.filter((x) => !v6configs.includes(x));
    if (v4configs.length > 1) throw invalidArgument('only one IPv4 subnet per network is supported');
    if (v6configs.length > 1) throw invalidArgument('only one IPv6 subnet per network is supported');
    const c = v4configs[0] ?? {};
    const v6 = v6configs[0] ? ipv6Pool(v6configs[0], this.store.networks()) : undefined;
    if (req.EnableIPv6 && !v6) throw notFound('could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network');
    const others = this.store.networks().filter((n) => n.subnet);
    let subnet: Cidr;
    let gateway: number;
    if (c.Subnet) {
      const s = parseCidr(c.Subnet);
      if (!s) throw invalidArgument(`invalid subnet ${c.Subnet} : invalid CIDR address: ${c.Subnet}`);
      subnet = s.cidr;
      if (others.some((n) => overlaps(parseCidr(n.subnet!)!.cidr, subnet))) {
        throw forbidden('Pool overlaps with other one on this address space');
      }
    } else {
      if (c.Gateway || c.IPRange) throw invalidArgument('an ip-range or a gateway needs a subnet');
      const pool = firstFreePool([...(await hostRoutes()), ...others.map((n) => parseCidr(n.subnet!)!.cidr)]);
      if (!pool) throw forbidden('could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
      subnet = pool;
    }
    if (c.Gateway) {
      const g = parseCidr(`${c.Gateway}/32`);
      if (!g || !contains(subnet, g.ip)) throw invalidArgument(`no matching subnet for gateway ${c.Gateway}`);
      gateway = g.ip;
    } else gateway = subnet.base + 1;
    if (c.IPRange) {
      const r = parseCidr(c.IPRange);
      if (!r) throw invalidArgument(`invalid ip-range ${c.IPRange} : invalid CIDR address: ${c.IPRange}`);
      if (!contains(subnet, r.cidr.base) || r.cidr.prefix < subnet.prefix) throw invalidArgument(`no matching subnet for range ${c.IPRange}`);
    }
    for (const [k, v] of Object.entries(c.AuxiliaryAddresses ?? {})) {
      const ip = parseIp(v);
      if (ip === undefined || !contains(subnet, ip)) throw forbidden(`auxiliary address: (${k}:${v}) must belong to the master pool: ${formatCidr(subnet)}`);
    }
    const n = this.blank(name, 'bridge', false);
    const bridgeName = req.Options?.[BRIDGE_NAME_OPT] || `br-${n.id.slice(0, 12)}`;
    if (!/^[a-zA-Z0-9_.-]{1,15}$/.test(bridgeName)) throw invalidArgument(`invalid bridge name: ${bridgeName}`);
    if (this.store.networks().some((x) => x.bridge === bridgeName) || (await deviceAddress(bridgeName)) !== null) {
      throw conflict(`bridge name ${bridgeName} is already in use`);
    }
    Object.assign(n, {
      internal: !!req.Internal,
      attachable: !!req.Attachable,
      labels: req.Labels ?? {},
      options: req.Options ?? {},
      subnet: formatCidr(subnet),
      gateway: formatIp(gateway),
      ipRange: c.IPRange ? formatCidr(parseCidr(c.IPRange)!.cidr) : undefined,
      userSubnet: !!c.Subnet,
      noUserGateway: !!c.Subnet && !c.Gateway,
      auxAddresses: c.AuxiliaryAddresses && Object.keys(c.AuxiliaryAddresses).length ? c.AuxiliaryAddresses : undefined,
      bridge: bridgeName,
      enableIPv6: !!req.EnableIPv6 || undefined,
      ...v6,
    });
    // The bridge and its rules first; the record last, so a failure leaves no network behind.
    try {
      await ensureBridge(bridgeName, gatewayCidr(n), gatewayCidr6(n));
      await this.iptables.addNetwork(n, [...this.store.networks(), n]);
      if (hasIpv6(n)) await this.ip6Rules([...this.store.networks(), n], n);
      this.store.putNetwork(n);
    } catch (err) {
      await this.iptables.removeNetwork(n, this.store.networks()).catch(() => {});
      if (this.ip6Ready) await this.ip6tables.removeNetwork(n, this.store.networks()).catch(() => {});
      await deleteLink(bridgeName);
      throw err;
    }
    await this.dns.listen(n.id, n.gateway!);
    return { Id: n.id, Warning: '' };
  }

  /** Removes a user network that no running container uses. `containerName` names holders in the error. */
  async remove(ref: string, containerName: (id: string) => string): Promise<void> {
    const n = this.find(ref);
    if (n.predefined) throw forbidden(`${n.name} is a pre-defined network and cannot be removed`);
    const eps = this.store.endpoints({ networkId: n.id });
    if (eps.length) {
      const e = eps[0];
      throw forbidden(
        `error while removing network: network ${n.name} has active endpoints (name:"${containerName(e.containerId)}" id:"${e.containerId.slice(0, 12)}")`,
      );
    }
    this.dns.close(n.id);
    const rest = this.store.networks().filter((x) => x.id !== n.id);
    await this.iptables.removeNetwork(n, rest);
    if (this.ip6Ready) await this.ip6tables.removeNetwork(n, rest);
    await deleteLink(n.bridge!);
    rmSync(join(this.ipamDir, this.cniName(n)), { recursive: true, force: true });
    this.store.deleteNetwork(n.id);
  }

  /** The IPv6 rules: all of them the first time (chains and jumps made), else the one new network's. */
  private async ip6Rules(all: NetworkRecord[], added?: NetworkRecord): Promise<void> {
    if (this.ip6Ready && added) return this.ip6tables.addNetwork(added, all);
    await this.ip6tables.reset(all);
    this.ip6Ready = true;
  }

  endpointsOf(networkId: string): EndpointRecord[] {
    return this.store.endpoints({ networkId });
  }
}

export function gatewayCidr(n: NetworkRecord): string {
  return `${n.gateway}/${n.subnet!.split('/')[1]}`;
}

/** The bridge's IPv6 gateway address, on EnableIPv6 networks only (dockerd leaves the bridge without one otherwise). */
export function gatewayCidr6(n: NetworkRecord): string | undefined {
  return hasIpv6(n) ? `${n.gateway6}/${n.subnet6!.split('/')[1]}` : undefined;
}
