// The container side of networking: what create records (the networks asked
// for and their endpoint settings), what start sets up before `runc create`
// (a persistent netns with one endpoint per network) and what exit and
// removal take down. Network plumbing itself is in src/network/.
import { existsSync } from 'node:fs';
import { conflict, invalidArgument, isKind, notFound } from '../errdefs';
import { attach, createSandbox, destroySandbox, netnsPath, usernsPath, validateEndpointIpam, type IpamRequest } from '../network/endpoints';
import type { NetworkManager } from '../network/manager';
import type { EndpointRecord, NetworkRecord } from '../network/types';
import type { ContainerDeps } from './deps';
import { findContainer } from './resolve';
import type { ContainerRecord, EndpointSettings } from './types';
import { containerIdMap } from './userns';

export interface NetworkingConfigBody {
  EndpointsConfig?: Record<string, EndpointConfigBody | null> | null;
}

/** An endpoint as create's NetworkingConfig and connect's EndpointConfig send it. */
export interface EndpointConfigBody {
  Aliases?: string[] | null;
  IPAMConfig?: IpamRequest | null;
  MacAddress?: string;
  Links?: string[] | null;
  DriverOpts?: Record<string, string> | null;
}

/** What an endpoint keeps as sent and inspect shows back: its legacy links and driver options (null when none). */
export function endpointExtras(cfg: EndpointConfigBody | null | undefined): Pick<EndpointSettings, 'Links' | 'DriverOpts'> {
  return {
    Links: cfg?.Links?.length ? cfg.Links : null,
    DriverOpts: cfg?.DriverOpts && Object.keys(cfg.DriverOpts).length ? cfg.DriverOpts : null,
  };
}

/** The endpoint's IPAMConfig as kept and inspected: the keys that were given, or null. */
export function ipamConfigOf(cfg: EndpointConfigBody | null | undefined): EndpointSettings['IPAMConfig'] {
  const c = cfg?.IPAMConfig;
  const out: NonNullable<EndpointSettings['IPAMConfig']> = {};
  if (c?.IPv4Address) out.IPv4Address = c.IPv4Address;
  if (c?.IPv6Address) out.IPv6Address = c.IPv6Address;
  if (c?.LinkLocalIPs?.length) out.LinkLocalIPs = c.LinkLocalIPs;
  return Object.keys(out).length ? out : null;
}

/** Modes that give the container its own namespace with endpoints on bridge networks. */
export function hasOwnNetwork(mode: string): boolean {
  return mode !== 'host' && mode !== 'none' && !mode.startsWith('container:');
}

/**
 * At create: normalises NetworkMode ("default" is the bridge), checks the
 * networks exist and the endpoint settings are valid, and returns what to
 * record. Nothing is set up until start.
 */
export function planNetworks(
  net: NetworkManager,
  mode: string,
  body: { NetworkingConfig?: NetworkingConfigBody; MacAddress?: string; hasPorts: boolean },
): { mode: string; networks: Record<string, EndpointSettings> } {
  const m = !mode || mode === 'default' ? 'bridge' : mode;
  // The docker CLI keys the primary endpoint by the mode as given ("default" too).
  const eps = { ...(body.NetworkingConfig?.EndpointsConfig ?? {}) };
  if (mode !== m && eps[mode]) {
    eps[m] = eps[mode];
    delete eps[mode];
  }
  if (m === 'host' || m === 'none' || m.startsWith('container:')) {
    if (m.startsWith('container:') && body.hasPorts) throw invalidArgument('conflicting options: port publishing and the container type network mode');
    if (m === 'host' || m === 'none') net.find(m);
    return { mode: m, networks: {} };
  }
  const names = [m, ...Object.keys(eps).filter((k) => k !== m)];
  if (names.length > 1 && names.some((n) => ['host', 'none'].includes(n))) {
    throw invalidArgument(`Container cannot be connected to network endpoints: ${names.join(', ')}`);
  }
  const out: Record<string, EndpointSettings> = {};
  for (const [i, name] of names.entries()) {
    // Like dockerd, a network that does not exist (yet) is an error at start,
    // not here: a 404 from create would make the docker CLI try to pull the image.
    let n: NetworkRecord | undefined;
    try {
      n = net.find(name);
    } catch (err) {
      if (!isKind(err, 'NotFound')) throw err;
    }
    const cfg = eps[name] ?? (n ? eps[n.id] : undefined) ?? {};
    validateEndpointIpam(n, cfg?.IPAMConfig);
    const aliases = cfg?.Aliases ?? [];
    if (aliases.length && n?.predefined) throw invalidArgument('network-scoped alias is supported only for containers in user defined networks');
    out[n?.name ?? name] = {
      NetworkID: n?.id ?? '',
      Aliases: aliases.length ? aliases : null,
      IPAMConfig: ipamConfigOf(cfg),
      MacAddress: (i === 0 ? body.MacAddress : undefined) || cfg?.MacAddress || '',
      ...endpointExtras(cfg),
    };
  }
  return { mode: Object.keys(out)[0] ?? m, networks: out };
}

export interface NetworkSetup {
  netns?: string | 'host';
  userns?: string;
  /**
   * The endpoints (CNI ADD per network), still being made: the namespace
   * exists already, so `runc create` can run alongside and only `runc start`
   * waits for them. On failure the namespace is gone again.
   */
  endpoints: Promise<EndpointRecord[]>;
}

const none: Promise<EndpointRecord[]> = Promise.resolve([]);

/**
 * Before `runc create`: the namespace to join, and the endpoints made in it.
 * A remapped container (--userns-remap) also gets the user namespace that
 * owns that network namespace, which it must join with it.
 */
export async function setupNetwork(deps: ContainerDeps, rec: ContainerRecord): Promise<NetworkSetup> {
  const mode = rec.hostConfig.NetworkMode;
  const idMap = containerIdMap(rec.hostConfig, deps.settings);
  if (mode === 'host') return { netns: 'host', endpoints: none };
  if (mode === 'none') return { endpoints: none };
  if (mode.startsWith('container:')) {
    const ref = mode.slice('container:'.length);
    const other = findContainer(deps.table, ref);
    if (!other.state.Running || !other.state.Pid) throw conflict(`cannot join network of a non running container: ${ref}`);
    const own = netnsPath(deps.network, other.id);
    const netns = existsSync(own) ? own : `/proc/${other.state.Pid}/ns/net`;
    if (!idMap) return { netns, endpoints: none };
    // As dockerd: sharing a network namespace means sharing its user namespace.
    if (!containerIdMap(other.hostConfig, deps.settings)) {
      throw invalidArgument(`cannot join the network namespace of container ${ref}: it runs in the host's user namespace (--userns=host); run this container with --userns=host too`);
    }
    const ownUser = usernsPath(deps.network, other.id);
    return { netns, userns: existsSync(ownUser) ? ownUser : `/proc/${other.state.Pid}/ns/user`, endpoints: none };
  }
  const net = deps.network;
  const path = await createSandbox(net, rec.id, idMap);
  const endpoints = attachAll(deps, rec, path);
  // the caller may fail elsewhere before it awaits them; it still awaits before unwinding
  endpoints.catch(() => {});
  return { netns: path, userns: idMap && usernsPath(net, rec.id), endpoints };
}

/** One endpoint per network in the namespace at `path`; on failure the namespace is destroyed. */
async function attachAll(deps: ContainerDeps, rec: ContainerRecord, path: string): Promise<EndpointRecord[]> {
  const net = deps.network;
  const endpoints: EndpointRecord[] = [];
  try {
    let i = 0;
    for (const [name, es] of Object.entries(rec.networks ?? {})) {
      const n = (es.NetworkID ? net.store.network(es.NetworkID) : undefined) ?? net.store.networkByName(name);
      if (!n) throw notFound(`network ${name} not found`);
      endpoints.push(
        await attach(
          net,
          { id: rec.id, name: rec.name, netns: path, ifname: `eth${i}` },
          {
            network: n,
            ipv4: es.IPAMConfig?.IPv4Address || undefined,
            ipv6: es.IPAMConfig?.IPv6Address || undefined,
            linkLocalIPs: es.IPAMConfig?.LinkLocalIPs,
            mac: es.MacAddress || undefined,
            aliases: es.Aliases ?? [],
            publish:
              i === 0
                ? { bindings: rec.hostConfig.PortBindings ?? {}, exposed: rec.config.ExposedPorts ?? {}, publishAll: !!rec.hostConfig.PublishAllPorts }
                : undefined,
          },
        ),
      );
      i++;
    }
  } catch (err) {
    await destroySandbox(net, rec.id).catch(() => {});
    throw err;
  }
  for (const e of endpoints) {
    const n = net.store.network(e.networkId);
    deps.events.emit('network', 'connect', e.networkId, { container: rec.id, name: n?.name ?? '', type: n?.driver ?? 'bridge' });
  }
  return endpoints;
}

/** After the container's processes are gone: its endpoints and namespace. */
export async function teardownNetwork(deps: ContainerDeps, id: string): Promise<void> {
  const eps = deps.network.store.endpoints({ containerId: id });
  const vacant = !joinedByRunning(deps, id);
  await destroySandbox(deps.network, id, { vacant }).catch((err) => deps.log('warn', `network teardown of ${id}: ${err}`));
  for (const e of eps) {
    const n = deps.network.store.network(e.networkId);
    deps.events.emit('network', 'disconnect', e.networkId, { container: id, name: n?.name ?? '', type: n?.driver ?? 'bridge' });
  }
}

/** Whether a running container shares this one's namespace (`--network container:…`): its processes keep it alive. */
function joinedByRunning(deps: ContainerDeps, id: string): boolean {
  return deps.table.readonlyAll().some((c) => {
    const mode = c.hostConfig.NetworkMode ?? '';
    if (c.id === id || !c.state.Running || !mode.startsWith('container:')) return false;
    try {
      return findContainer(deps.table, mode.slice('container:'.length)).id === id;
    } catch {
      return false;
    }
  });
}
