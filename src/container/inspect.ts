// GET /containers/{id}/json in Docker's ContainerJSON shape.
import { createHash } from 'node:crypto';
import type { MountPoint } from '../api/types/common';
import { portMap } from '../network/ports';
import type { ContainerDeps } from './deps';
import { canonicalLinks } from './link-names';
import { hasOwnNetwork } from './network';
import { bundleDir, containerDir } from './paths';
import { findContainer } from './resolve';
import { stateName } from './status';
import type { ContainerRecord } from './types';

export function networkName(rec: ContainerRecord): string {
  const nm = rec.hostConfig.NetworkMode;
  return nm === 'default' || nm === '' ? 'bridge' : nm;
}

export async function inspectContainer(deps: ContainerDeps, ref: string, withSize: boolean): Promise<Record<string, unknown>> {
  const rec = findContainer(deps.table, ref);
  const dir = containerDir(deps.settings, rec.id);
  const hostNet = rec.hostConfig.NetworkMode === 'host';
  const out: Record<string, unknown> = {
    Id: rec.id,
    Created: rec.created,
    Path: rec.path,
    Args: rec.args,
    State: { ...rec.state, Status: stateName(rec) },
    Image: rec.imageId,
    ResolvConfPath: hostNet ? '/etc/resolv.conf' : `${dir}/resolv.conf`,
    HostnamePath: hostNet ? '/etc/hostname' : `${dir}/hostname`,
    HostsPath: hostNet ? '/etc/hosts' : `${dir}/hosts`,
    LogPath: rec.logPath,
    Name: `/${rec.name}`,
    RestartCount: rec.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    HostConfig: { ...rec.hostConfig, Links: canonicalLinks(deps, rec) },
    GraphDriver: { Name: 'overlay2', Data: { MergedDir: `${bundleDir(deps.settings, rec.id)}/rootfs` } },
    Mounts: mountPoints(deps, rec),
    Config: rec.config,
    NetworkSettings: networkSettings(deps, rec),
  };
  if (withSize) {
    const rw = await deps.snapshots.usage(rec.snapshotKey).catch(() => 0);
    out.SizeRw = rw;
    out.SizeRootFs = rw + (deps.images.byId(rec.imageId)?.size ?? 0);
  }
  return out;
}

/** Docker's MountPoint list (inspect .Mounts, ps .Mounts). */
export function mountPoints(deps: ContainerDeps, rec: ContainerRecord): MountPoint[] {
  return (rec.mounts ?? []).map((m) =>
    m.type === 'volume'
      ? {
          Type: 'volume',
          Name: m.name,
          Source: deps.volumes.dataPath(m.name as string),
          Destination: m.destination,
          Driver: m.driver ?? 'local',
          Mode: m.mode,
          RW: m.rw,
          Propagation: m.propagation,
        }
      : { Type: m.type, Source: m.source, Destination: m.destination, Mode: m.mode, RW: m.rw, Propagation: m.propagation },
  );
}

/** NetworkSettings in Docker's shape: per-network endpoints, the legacy top-level fields for the default bridge, and Ports. */
export function networkSettings(deps: ContainerDeps, rec: ContainerRecord): Record<string, unknown> {
  const mode = rec.hostConfig.NetworkMode;
  const eps = rec.state.Running ? deps.network.store.endpoints({ containerId: rec.id }) : [];
  const networks: Record<string, Record<string, unknown>> = {};
  const blank = (networkId: string) => ({
    IPAMConfig: null as unknown,
    Links: null as unknown,
    Aliases: null as unknown,
    MacAddress: '',
    DriverOpts: null as unknown,
    NetworkID: networkId,
    EndpointID: '',
    Gateway: '',
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    DNSNames: null as unknown,
  });
  if (mode === 'host' || mode === 'none') {
    networks[mode] = blank(deps.network.store.readonlyNetworkByName(mode)?.id ?? '');
  } else if (!mode.startsWith('container:')) {
    for (const [name, es] of Object.entries(rec.networks ?? {})) {
      const n = deps.network.store.readonlyNetwork(es.NetworkID);
      const e = blank(es.NetworkID);
      e.IPAMConfig = es.IPAMConfig;
      e.Aliases = es.Aliases;
      e.MacAddress = es.MacAddress;
      e.Links = es.Links ?? null;
      e.DriverOpts = es.DriverOpts ?? null;
      const ep = eps.find((x) => x.networkId === es.NetworkID);
      if (ep) {
        Object.assign(e, { MacAddress: ep.mac, EndpointID: ep.endpointId, Gateway: ep.gateway, IPAddress: ep.ip, IPPrefixLen: ep.prefixLen });
        if (ep.ip6) Object.assign(e, { GlobalIPv6Address: ep.ip6, GlobalIPv6PrefixLen: ep.prefixLen6 ?? 0, IPv6Gateway: ep.gateway6 ?? '' });
        // Aliases stay as sent: the API router adds the short ID for clients older than v1.45.
        if (n && !n.predefined) e.DNSNames = [rec.name, rec.id.slice(0, 12), ...(es.Aliases ?? [])];
      }
      networks[name] = e;
    }
  }
  const legacy = networks.bridge && eps.length ? networks.bridge : undefined;
  const published = eps.flatMap((e) => e.ports);
  return {
    Bridge: '',
    SandboxID: eps.length ? createHash('sha256').update(rec.id).digest('hex') : '',
    SandboxKey: eps.length ? eps[0].netns : rec.state.Pid ? `/proc/${rec.state.Pid}/ns/net` : '',
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    Ports: rec.state.Running && hasOwnNetwork(mode) ? portMap(rec.config.ExposedPorts, published) : {},
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: legacy?.EndpointID ?? '',
    Gateway: legacy?.Gateway ?? '',
    GlobalIPv6Address: legacy?.GlobalIPv6Address ?? '',
    GlobalIPv6PrefixLen: legacy?.GlobalIPv6PrefixLen ?? 0,
    IPAddress: legacy?.IPAddress ?? '',
    IPPrefixLen: legacy?.IPPrefixLen ?? 0,
    IPv6Gateway: legacy?.IPv6Gateway ?? '',
    MacAddress: legacy?.MacAddress ?? '',
    Networks: networks,
  };
}
