// System wire shapes: version, info, ping (Engine API v1.47).

export interface ComponentVersion {
  Name: string;
  Version: string;
  Details?: Record<string, string> | null;
}

/** GET /version */
export interface SystemVersion {
  Platform?: { Name: string };
  Components?: ComponentVersion[];
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  GitCommit: string;
  GoVersion: string;
  Os: string;
  Arch: string;
  KernelVersion?: string;
  Experimental?: boolean;
  BuildTime?: string;
}

export interface Runtime {
  path?: string;
  runtimeArgs?: string[] | null;
  status?: Record<string, string>;
}

export interface Commit {
  ID: string;
  /** Deprecated in v1.49 */
  Expected?: string;
}

export interface IndexInfo {
  Name: string;
  Mirrors: string[];
  Secure: boolean;
  Official: boolean;
}

export interface RegistryServiceConfig {
  AllowNondistributableArtifactsCIDRs?: string[];
  AllowNondistributableArtifactsHostnames?: string[];
  InsecureRegistryCIDRs?: string[];
  IndexConfigs?: Record<string, IndexInfo>;
  Mirrors?: string[];
}

/** GET /info */
export interface SystemInfo {
  ID: string;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  Driver: string;
  DriverStatus: [string, string][] | null;
  DockerRootDir: string;
  Plugins: {
    Volume?: string[] | null;
    Network?: string[] | null;
    Authorization?: string[] | null;
    Log?: string[] | null;
  };
  MemoryLimit: boolean;
  SwapLimit: boolean;
  KernelMemoryTCP?: boolean;
  CpuCfsPeriod: boolean;
  CpuCfsQuota: boolean;
  CPUShares: boolean;
  CPUSet: boolean;
  PidsLimit: boolean;
  OomKillDisable: boolean;
  IPv4Forwarding: boolean;
  BridgeNfIptables?: boolean;
  BridgeNfIp6tables?: boolean;
  Debug: boolean;
  NFd: number;
  NGoroutines: number;
  SystemTime: string;
  LoggingDriver: string;
  CgroupDriver: 'cgroupfs' | 'systemd' | 'none' | string;
  CgroupVersion: '1' | '2' | string;
  NEventsListener: number;
  KernelVersion: string;
  OperatingSystem: string;
  OSVersion: string;
  OSType: string;
  Architecture: string;
  NCPU: number;
  MemTotal: number;
  IndexServerAddress: string;
  RegistryConfig: RegistryServiceConfig | null;
  GenericResources?: unknown[] | null;
  HttpProxy: string;
  HttpsProxy: string;
  NoProxy: string;
  Name: string;
  Labels: string[] | null;
  ExperimentalBuild: boolean;
  ServerVersion: string;
  Runtimes: Record<string, Runtime>;
  DefaultRuntime: string;
  Swarm: { NodeID?: string; NodeAddr?: string; LocalNodeState?: string; ControlAvailable?: boolean; Error?: string; RemoteManagers?: unknown[] | null; [k: string]: unknown };
  LiveRestoreEnabled: boolean;
  Isolation: string;
  InitBinary: string;
  ContainerdCommit: Commit;
  RuncCommit: Commit;
  InitCommit: Commit;
  SecurityOptions: string[];
  ProductLicense?: string;
  DefaultAddressPools?: { Base: string; Size: number }[];
  FirewallBackend?: { Driver: string; Info?: [string, string][] };
  CDISpecDirs?: string[];
  Containerd?: unknown;
  Warnings: string[] | null;
}

/** What GET/HEAD /_ping tells in its headers. */
export interface PingInfo {
  apiVersion?: string;
  osType?: string;
  experimental?: boolean;
  builderVersion?: string;
}

/** GET /system/df. */
export interface SystemDiskUsage {
  LayersSize?: number;
  Images?: import('./image').ImageSummary[] | null;
  Containers?: import('./container').ContainerSummary[] | null;
  Volumes?: import('./volume').Volume[] | null;
  BuildCache?: unknown[] | null;
}

/** GET /events: one events.Message. */
export interface EventMessage {
  /** Legacy fields, set for container and image events. */
  status?: string;
  id?: string;
  from?: string;
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  scope?: string;
  time: number;
  /** Unix nanoseconds; clients that need them exact read the raw text (see client readEvents). */
  timeNano: number;
}
