// What the container verbs need, as small interfaces. daemon/ wires the real
// implementations in; each verb is a function of (deps, arguments).
import type { ContainerTable } from '../metadata/containers';
import type { EventBus } from '../events/bus';
import type { ContainerRecord } from './types';
import type { Runc } from '../runtime/runc';
import type { ConmonOptions } from '../runtime/conmon';
import type { ExitWatcher } from '../runtime/exits';
import type { ExitHub } from './hub';
import type { RestartBackoff } from './backoff';
import type { CgroupReader } from '../sys/cgroups';
import type { NetworkManager } from '../network/manager';
import type { IdMapping } from '../util/idmap';

export interface ImageConfigView {
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  WorkingDir?: string;
  User?: string;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  ExposedPorts?: Record<string, object> | null;
  Volumes?: Record<string, object> | null;
  Healthcheck?: unknown;
  OnBuild?: string[] | null;
  Shell?: string[] | null;
}

export interface CommitRequest {
  parent: string;
  layer: AsyncIterable<Buffer>;
  config: Record<string, unknown>;
  containerId: string;
  createdBy: string;
  author?: string;
  comment?: string;
  changes?: string[];
  repo?: string;
  tag?: string;
}

export interface ImageAccess {
  /** docker commit: records the container layer as a new image over `parent`; returns its ID. */
  commit(req: CommitRequest): Promise<string>;
  /** Throws NotFound ("No such image: busybox:latest") when missing. */
  resolve(ref: string): { id: string; config: ImageConfigView; topChainID: string | null };
  /** Name to show for an image id in ps (the tag the container was made from, or the short id). */
  byId(id: string): { id: string; config: ImageConfigView; topChainID: string | null; size?: number } | undefined;
}

export interface MountSpec {
  type: string;
  source: string;
  options: string[];
}

export interface SnapshotAccess {
  prepare(key: string, parent: string | null): Promise<MountSpec[]>;
  mounts(key: string): Promise<MountSpec[]>;
  remove(key: string): Promise<void>;
  usage(key: string): Promise<number>;
}

export interface VolumeAccess {
  create(
    req: { Name?: string; Driver?: string; DriverOpts?: Record<string, string> | null; Labels?: Record<string, string> | null },
    opts?: { anonymous?: boolean },
  ): Promise<{ Name: string; Driver: string }>;
  remove(name: string, opts?: { force?: boolean }): Promise<void>;
  /** Host directory with the volume's data. */
  dataPath(name: string): string;
  /** Mounts a volume's filesystem (local driver options) before a container uses it. */
  activate(name: string): Promise<void>;
}

export interface Mounter {
  mountAll(mounts: MountSpec[], target: string): Promise<void>;
  unmountAll(target: string): Promise<void>;
}

export interface DaemonSettings {
  dataRoot: string;
  execRoot: string;
  cgroupParent: string;
  cgroupVersion: 1 | 2;
  hostBoundingCaps: string[];
  seccompProfile: string | null;
  kernel: string;
  /** Absolute path of the init binary for --init (tini), bind-mounted at /sbin/docker-init. */
  initBinary: string | null;
  defaultLogDriver: string;
  defaultLogOpts: Record<string, string>;
  runtimes: Record<string, { path: string }>;
  defaultRuntime: string;
  defaultShmSize: number;
  /** daemon.json `dns`. */
  dns: string[];
  ncpu: number;
  /**
   * berthd --userns-remap: container ids → host ids. Containers run in a
   * user namespace with it (unless --userns=host), and every file berthd
   * puts in or takes out of a container's filesystem is shifted through it.
   */
  idMap?: IdMapping;
}

export interface ContainerDeps {
  table: ContainerTable<ContainerRecord>;
  images: ImageAccess;
  snapshots: SnapshotAccess;
  volumes: VolumeAccess;
  mounter: Mounter;
  runc: Runc;
  conmon: ConmonOptions;
  exits: ExitWatcher;
  hub: ExitHub;
  backoff: RestartBackoff;
  cgroups: CgroupReader;
  events: EventBus;
  /** Healthcheck probes of running containers (optional: tools that build deps without a daemon leave it out). */
  health?: { watch(id: string): void; unwatch(id: string): void };
  /** Monitoring counters (optional, like health). */
  metrics?: { containerStarted(seconds: number): void };
  settings: DaemonSettings;
  network: NetworkManager;
  log: (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void;
}
