// GET /version and GET /info, answered from real state.
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { backingFilesystem, cgroupFeatures, infoWarnings, netFeatures, overlayMetacopy } from './host-features';
import { DEFAULT_SECCOMP_PROFILE } from './config';
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
  /** How many clients follow GET /events. */
  eventListeners?: () => number;
  /** Where the stores are: the data root, or <data-root>/<uid>.<gid> with --userns-remap. */
  rootDir?: string;
  /** --userns-remap is on. */
  userns?: boolean;
}): () => Promise<Record<string, unknown>> {
  const id = randomUUID().toUpperCase();
  const cg = cgroupFeatures(deps.host.cgroupVersion);
  const backing = backingFilesystem(deps.cfg.dataRoot);
  const metacopy = overlayMetacopy();
  // Asked once: the binaries do not change under a running berthd.
  const runcCommit = versionLine(deps.cfg.runtimes[deps.cfg.defaultRuntime]?.path ?? 'runc', ['--version'], /^commit:\s*(\S+)/m);
  const initCommit = deps.cfg.initPath ? versionLine(deps.cfg.initPath, ['--version'], /version\s+(\S+)/) : Promise.resolve('');
  return async () => {
    const recs = deps.table.readonlyAll();
    const running = recs.filter((r) => r.state.Running && !r.state.Paused).length;
    const paused = recs.filter((r) => r.state.Paused).length;
    const { cfg, host } = deps;
    const net = netFeatures();
    const warnings = infoWarnings(cg, net, host.cgroupVersion);
    return {
      ID: id,
      Containers: recs.length,
      ContainersRunning: running,
      ContainersPaused: paused,
      ContainersStopped: recs.length - running - paused,
      Images: deps.imageCount(),
      Driver: 'overlay2',
      DriverStatus: [
        ['Backing Filesystem', backing],
        ['Supports d_type', 'true'],
        ['Using metacopy', String(metacopy)],
        ['Native Overlay Diff', String(!metacopy)],
        ['userxattr', 'false'],
      ],
      Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'null'], Authorization: null, Log: ['json-file', 'local', 'none'] },
      MemoryLimit: cg.memoryLimit,
      SwapLimit: cg.swapLimit,
      CpuCfsPeriod: cg.cpuCfsPeriod,
      CpuCfsQuota: cg.cpuCfsQuota,
      CPUShares: cg.cpuShares,
      CPUSet: cg.cpuSet,
      PidsLimit: cg.pidsLimit,
      IPv4Forwarding: net.ipv4Forwarding,
      BridgeNfIptables: net.bridgeNfIptables ?? false,
      BridgeNfIp6tables: net.bridgeNfIp6tables ?? false,
      Debug: cfg.logLevel === 'debug',
      NFd: openFds(),
      OomKillDisable: cg.oomKillDisable,
      NGoroutines: 0,
      SystemTime: new Date().toISOString(),
      LoggingDriver: cfg.logDriver,
      CgroupDriver: 'cgroupfs',
      CgroupVersion: String(host.cgroupVersion),
      NEventsListener: deps.eventListeners?.() ?? 0,
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
      DockerRootDir: deps.rootDir ?? cfg.dataRoot,
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
      InitBinary: cfg.initPath ? basename(cfg.initPath) : '',
      ContainerdCommit: { ID: '' },
      RuncCommit: { ID: await runcCommit },
      InitCommit: { ID: await initCommit },
      SecurityOptions: securityOptions(cfg.seccompProfile, host.cgroupVersion, deps.userns),
      CDISpecDirs: [],
      Warnings: warnings,
    };
  };
}

/**
 * dockerd's list: the seccomp profile ("builtin" for the default one, else its
 * path or "unconfined"), userns with --userns-remap, cgroupns where containers get their own cgroup
 * namespace (cgroup v2, as dockerd's default there).
 */
export function securityOptions(seccompProfile: string, cgroupVersion: 1 | 2, userns = false): string[] {
  const out: string[] = [];
  if (!seccompProfile || seccompProfile === 'unconfined') out.push('name=seccomp,profile=unconfined');
  else out.push(`name=seccomp,profile=${seccompProfile === DEFAULT_SECCOMP_PROFILE ? 'builtin' : seccompProfile}`);
  if (userns) out.push('name=userns');
  if (cgroupVersion === 2) out.push('name=cgroupns');
  return out;
}

function versionLine(bin: string, args: string[], re: RegExp): Promise<string> {
  return new Promise((resolve) => {
    execFile(bin, args, { timeout: 5000 }, (err, out) => resolve(err ? '' : (re.exec(out)?.[1] ?? '')));
  });
}

function openFds(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
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
