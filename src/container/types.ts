// The container record berthd keeps (one SQLite row) and the Docker-shaped
// parts of it that clients send and read back (Config, HostConfig).

import type {
  ContainerConfig as ApiContainerConfig,
  ContainerState as ApiContainerState,
  HostConfig as ApiHostConfig,
  Ulimit,
} from '../api/types/container';

export type { Ulimit };
import type { ContainerMount } from './mount-types';
export type { ContainerMount };

/** The wire type with the fields berthd always fills made required. */
type Filled<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };

export type ContainerConfig = Filled<
  ApiContainerConfig,
  'Hostname' | 'Domainname' | 'User' | 'AttachStdin' | 'AttachStdout' | 'AttachStderr' | 'Tty' | 'OpenStdin' | 'StdinOnce' | 'Image' | 'WorkingDir' | 'Labels'
> & { Env: string[] | null; Cmd: string[] | null; Entrypoint: string[] | null; Volumes: Record<string, object> | null; OnBuild: string[] | null };

export type HostConfig = Filled<
  ApiHostConfig,
  | 'LogConfig' | 'NetworkMode' | 'RestartPolicy' | 'AutoRemove' | 'Privileged' | 'ReadonlyRootfs' | 'ShmSize' | 'Runtime'
  | 'CpuShares' | 'Memory' | 'NanoCpus' | 'CpuPeriod' | 'CpuQuota' | 'CpusetCpus' | 'CpusetMems' | 'MemoryReservation' | 'MemorySwap'
>;

export type Status = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** The wire shape, with the status narrowed to the states berthd records. */
export type ContainerState = Omit<ApiContainerState, 'Status'> & { Status: Status };

export interface ContainerRecord {
  id: string;
  /** Without the leading '/'. */
  name: string;
  created: string;
  /** The image as the user named it. */
  image: string;
  imageId: string;
  path: string;
  args: string[];
  config: ContainerConfig;
  hostConfig: HostConfig;
  state: ContainerState;
  restartCount: number;
  /** Binds, volumes and tmpfs mounts, resolved at create (see mounts.ts). */
  mounts?: ContainerMount[];
  /** Snapshot key of the container's writable layer. */
  snapshotKey: string;
  logPath: string;
  /** Set while a stop was asked for, so the exit is not treated as a crash. */
  hasBeenManuallyStopped?: boolean;
  hasBeenStartedBefore?: boolean;
  /** Networks by name (bridge and user-defined modes); the first is NetworkMode's. */
  networks?: Record<string, EndpointSettings>;
}

/** A network the container is connected to, as recorded at create/connect (Docker's EndpointSettings input). */
export interface EndpointSettings {
  NetworkID: string;
  Aliases: string[] | null;
  /** As sent, only the keys given (dockerd's omitempty): IPv4Address, IPv6Address, LinkLocalIPs. */
  IPAMConfig: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null;
  MacAddress: string;
  /** Legacy links made in this network ("name:alias"), as connect's EndpointConfig.Links sent them. */
  Links?: string[] | null;
  /** Endpoint driver options as sent (inspect's DriverOpts). */
  DriverOpts?: Record<string, string> | null;
}

export const ZERO_TIME = '0001-01-01T00:00:00Z';
