// GET /version and GET /info, answered from real state.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { DaemonConfig } from './config';
import type { HostFacts } from './host';
import type { ContainerTable } from '../metadata/containers';
import type { ContainerRecord } from '../container/types';
import { MAX_API_VERSION, MIN_API_VERSION } from '../api/server/version';
import type { SystemInfo } from '../api/types';

export const BERTH_VERSION = '0.1.0';
const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

export function versionInfo(host: HostFacts): Record<string, unknown> {
  const details = {
    ApiVersion: MAX_API_VERSION,
    Arch: ARCH[process.arch] ?? process.arch,
    BuildTime: '',
    Experimental: 'false',
    GitCommit: '',
    GoVersion: `node ${process.version}`,
    KernelVersion: host.kernel,
    MinAPIVersion: MIN_API_VERSION,
    Os: 'linux',
  };
  return {
    Platform: { Name: 'Berth Engine' },
    Components: [{ Name: 'Engine', Version: BERTH_VERSION, Details: details }],
    Version: BERTH_VERSION,
    ApiVersion: MAX_API_VERSION,
    MinAPIVersion: MIN_API_VERSION,
    GitCommit: '',
    GoVersion: `node ${process.version}`,
    Os: 'linux',
    Arch: details.Arch,
    KernelVersion: host.kernel,
    BuildTime: '',
  };
}

export function makeInfo(deps: {
  cfg: DaemonConfig;
  host: HostFacts;
  table: ContainerTable<ContainerRecord>;
  imageCount: () => number;
}): () => Promise<Record<string, unknown>> {
  const id = randomUUID().toUpperCase();
  return async () => {
    const recs = deps.table.all();
    const running = recs.filter((r) => r.state.Running && !r.state.Paused).length;
    const paused = recs.filter((r) => r.state.Paused).length;
    const { cfg, host } = deps;
    const warnings: string[] = [];
    if (!host.swapLimit) warnings.push('WARNING: No swap limit support');
    return {
      ID: id,
      Containers: recs.length,
      ContainersRunning: running,
      ContainersPaused: paused,
      ContainersStopped: recs.length - running - paused,
      Images: deps.imageCount(),
      Driver: 'overlay2',
      DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true']],
      Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'null'], Authorization: null, Log: ['json-file', 'local', 'none'] },
      MemoryLimit: true,
      SwapLimit: host.swapLimit,
      CpuCfsPeriod: true,
      CpuCfsQuota: true,
      CPUShares: true,
      CPUSet: true,
      PidsLimit: true,
      IPv4Forwarding: true,
      Debug: cfg.logLevel === 'debug',
      NFd: 0,
      OomKillDisable: host.cgroupVersion === 1,
      NGoroutines: 0,
      SystemTime: new Date().toISOString(),
      LoggingDriver: cfg.logDriver,
      CgroupDriver: 'cgroupfs',
      CgroupVersion: String(host.cgroupVersion),
      NEventsListener: 0,
      KernelVersion: host.kernel,
      OperatingSystem: host.operatingSystem,
      OSVersion: host.osVersion,
      OSType: 'linux',
      Architecture: os.machine(),
      IndexServerAddress: 'https://index.docker.io/v1/',
      RegistryConfig: registryConfig(cfg.insecureRegistries),
      NCPU: host.ncpu,
      MemTotal: host.memTotal,
      GenericResources: null,
      DockerRootDir: cfg.dataRoot,
      HttpProxy: process.env.HTTP_PROXY ?? '',
      HttpsProxy: process.env.HTTPS_PROXY ?? '',
      NoProxy: process.env.NO_PROXY ?? '',
      Name: host.hostname,
      Labels: [],
      ExperimentalBuild: false,
      ServerVersion: BERTH_VERSION,
      Runtimes: Object.fromEntries(Object.entries(cfg.runtimes).map(([k, v]) => [k, { path: v.path }])),
      DefaultRuntime: cfg.defaultRuntime,
      Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
      LiveRestoreEnabled: true,
      Isolation: '',
      InitBinary: 'docker-init',
      ContainerdCommit: { ID: '' },
      RuncCommit: { ID: '' },
      InitCommit: { ID: '' },
      SecurityOptions: [
        `name=seccomp,profile=${cfg.seccompProfile ? 'builtin' : 'unconfined'}`,
        ...(host.cgroupVersion === 2 ? ['name=cgroupns'] : []),
      ],
      CDISpecDirs: [],
      Warnings: warnings,
    };
  };
}

/** dockerd's registry service config: loopback and the CIDRs given are insecure, names get an IndexConfig. */
function registryConfig(insecure: string[]): SystemInfo['RegistryConfig'] {
  const cidrs = insecure.filter((i) => /\/\d+$/.test(i));
  const names = insecure.filter((i) => !/\/\d+$/.test(i));
  const index: Record<string, { Name: string; Mirrors: string[]; Secure: boolean; Official: boolean }> = {
    'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true },
  };
  for (const n of names) index[n] = { Name: n, Mirrors: [], Secure: false, Official: false };
  return { IndexConfigs: index, InsecureRegistryCIDRs: ['::1/128', '127.0.0.0/8', ...cidrs], Mirrors: [] };
}
