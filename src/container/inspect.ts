// GET /containers/{id}/json in Docker's ContainerJSON shape.
import type { MountPoint } from '../api/types/common';
import type { ContainerDeps } from './deps';
import { bundleDir, containerDir } from './paths';
import { findContainer } from './resolve';
import { stateName } from './status';
import type { ContainerRecord } from './types';

export function networkName(rec: ContainerRecord): string {
  const nm = rec.hostConfig.NetworkMode;
  return nm === 'default' || nm === 'bridge' || nm === '' ? 'none' : nm;
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
    HostConfig: rec.hostConfig,
    GraphDriver: { Name: 'overlay2', Data: { MergedDir: `${bundleDir(deps.settings, rec.id)}/rootfs` } },
    Mounts: mountPoints(deps, rec),
    Config: rec.config,
    NetworkSettings: networkSettings(rec),
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

export function networkSettings(rec: ContainerRecord): Record<string, unknown> {
  const name = networkName(rec);
  const endpoint = {
    IPAMConfig: null,
    Links: null,
    Aliases: null,
    MacAddress: '',
    NetworkID: '',
    EndpointID: '',
    Gateway: '',
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    DriverOpts: null,
    DNSNames: null,
  };
  return {
    Bridge: '',
    SandboxID: '',
    SandboxKey: rec.state.Pid ? `/proc/${rec.state.Pid}/ns/net` : '',
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    Ports: {},
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: '',
    Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    MacAddress: '',
    Networks: name.startsWith('container:') ? {} : { [name]: endpoint },
  };
}
