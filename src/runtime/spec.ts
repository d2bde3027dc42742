// Builds the OCI runtime spec (config.json) for a container. Pure: everything
// it needs comes in as data (resolved user, rootfs path, files to bind), so it
// is unit-tested without a runtime.
import type { DeviceNode, DeviceRule } from '../sys/devices';
import { DEFAULT_SHM_SIZE, MASKED_PATHS, READONLY_PATHS } from './defaults';
import type { IdRange } from '../util/idmap';

export interface OciMount {
  destination: string;
  type?: string;
  source?: string;
  options?: string[];
}

export interface Ulimit {
  Name: string;
  Soft: number;
  Hard: number;
}

export interface SpecInput {
  rootfs: string;
  readonlyRootfs: boolean;
  args: string[];
  env: string[];
  cwd: string;
  uid: number;
  gid: number;
  additionalGids: number[];
  terminal: boolean;
  /** Initial terminal size, so the first output already fits (Docker's ConsoleSize). */
  consoleSize?: { height: number; width: number };
  hostname: string;
  /** Files berthd keeps for the container: /etc/hostname, /etc/hosts, /etc/resolv.conf. */
  etcFiles: { hostname?: string; hosts?: string; resolvConf?: string };
  /** --tmpfs: destination → options ("rw,size=64m"). */
  tmpfs: Record<string, string>;
  /** Further mounts (volumes, binds, the init binary), already resolved. */
  extraMounts: OciMount[];
  shmSize?: number;
  capabilities: string[];
  privileged: boolean;
  noNewPrivileges: boolean;
  seccomp?: Record<string, unknown>;
  cgroupsPath: string;
  resources: {
    memory?: number;
    memorySwap?: number;
    memoryReservation?: number;
    cpuShares?: number;
    cpuQuota?: number;
    cpuPeriod?: number;
    cpusetCpus?: string;
    cpusetMems?: string;
    pidsLimit?: number;
  };
  ulimits: Ulimit[];
  /** A path to join (container:NAME / host) or undefined for a new namespace. */
  netnsPath?: string | 'host';
  sysctls: Record<string, string>;
  /** Device nodes to create (--device; the host's /dev with --privileged). */
  devices?: DeviceNode[];
  /** Device cgroup rules allowing them (ignored with --privileged, which allows all). */
  deviceRules?: DeviceRule[];
  oomScoreAdj?: number;
  annotations?: Record<string, string>;
  /**
   * berthd --userns-remap: the container's root is an unprivileged host uid.
   * `path` joins an existing user namespace (the one that owns the
   * container's network namespace, or the one of the container whose network
   * it shares); without it runc makes a new one from the mappings.
   */
  userns?: { uidMappings: IdRange[]; gidMappings: IdRange[]; path?: string };
}

function parseTmpfsOptions(opts: string): string[] {
  const base = ['nosuid', 'nodev', 'noexec'];
  if (!opts) return base;
  const given = opts.split(',').filter(Boolean);
  // Docker lets the user's options override the defaults (exec, dev, suid).
  const out = base.filter((b) => !given.some((g) => g === b.slice(2) || g === b));
  return [...out, ...given];
}

export function buildSpec(input: SpecInput): Record<string, unknown> {
  const caps = input.capabilities;
  const shm = input.shmSize && input.shmSize > 0 ? input.shmSize : DEFAULT_SHM_SIZE;
  const mounts: OciMount[] = [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
    {
      destination: '/dev/pts',
      type: 'devpts',
      source: 'devpts',
      options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'],
    },
    { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', input.privileged ? 'rw' : 'ro'] },
    // Writable for --privileged as in Docker: a daemon inside manages its own cgroups.
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: [input.privileged ? 'rw' : 'ro', 'nosuid', 'noexec', 'nodev'] },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', `size=${shm}`] },
  ];
  const etc: [string, string | undefined][] = [
    ['/etc/resolv.conf', input.etcFiles.resolvConf],
    ['/etc/hostname', input.etcFiles.hostname],
    ['/etc/hosts', input.etcFiles.hosts],
  ];
  for (const [dest, src] of etc) {
    if (src) mounts.push({ destination: dest, type: 'bind', source: src, options: ['rbind', 'rprivate'] });
  }
  for (const [dest, opts] of Object.entries(input.tmpfs)) {
    mounts.push({ destination: dest, type: 'tmpfs', source: 'tmpfs', options: parseTmpfsOptions(opts) });
  }
  mounts.push(...input.extraMounts);

  const namespaces: { type: string; path?: string }[] = [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }];
  if (input.userns) namespaces.push(input.userns.path ? { type: 'user', path: input.userns.path } : { type: 'user' });
  if (input.netnsPath === undefined) namespaces.push({ type: 'network' });
  else if (input.netnsPath !== 'host') namespaces.push({ type: 'network', path: input.netnsPath });
  // cgroup namespace: private on v2 hosts like Docker's default; v1 keeps host's.

  const r = input.resources;
  // Deny everything, then allow what was asked (runc appends its default
  // set: null, zero, full, tty, random, urandom, ptmx, pts).
  const resources: Record<string, unknown> = {
    devices: input.privileged ? [{ allow: true, access: 'rwm' }] : [{ allow: false, access: 'rwm' }, ...(input.deviceRules ?? [])],
  };
  const memory: Record<string, number> = {};
  if (r.memory) memory.limit = r.memory;
  if (r.memorySwap) memory.swap = r.memorySwap;
  if (r.memoryReservation) memory.reservation = r.memoryReservation;
  if (Object.keys(memory).length) resources.memory = memory;
  const cpu: Record<string, unknown> = {};
  if (r.cpuShares) cpu.shares = r.cpuShares;
  if (r.cpuQuota) cpu.quota = r.cpuQuota;
  if (r.cpuPeriod) cpu.period = r.cpuPeriod;
  if (r.cpusetCpus) cpu.cpus = r.cpusetCpus;
  if (r.cpusetMems) cpu.mems = r.cpusetMems;
  if (Object.keys(cpu).length) resources.cpu = cpu;
  if (r.pidsLimit && r.pidsLimit > 0) resources.pids = { limit: r.pidsLimit };

  const linux: Record<string, unknown> = {
    namespaces,
    cgroupsPath: input.cgroupsPath,
    resources,
    sysctl: input.sysctls,
  };
  if (input.userns) {
    // Given with a path too: runc writes them only for a namespace it makes,
    // but reads them to know the host ids of the container's root.
    linux.uidMappings = input.userns.uidMappings;
    linux.gidMappings = input.userns.gidMappings;
  }
  if (input.devices?.length) {
    if (input.userns) {
      // No mknod in a user namespace, and runc then binds each node from
      // its *container* path on the host: bind the host's node instead.
      for (const d of input.devices) mounts.push({ destination: d.path, type: 'bind', source: d.hostPath ?? d.path, options: ['bind', 'rprivate'] });
    } else {
      linux.devices = input.devices.map(({ hostPath: _host, ...d }) => d);
    }
  }
  if (!input.privileged) {
    linux.maskedPaths = MASKED_PATHS;
    linux.readonlyPaths = READONLY_PATHS;
  }
  if (input.seccomp && !input.privileged) linux.seccomp = input.seccomp;

  const process: Record<string, unknown> = {
    terminal: input.terminal,
    consoleSize: input.terminal ? input.consoleSize : undefined,
    user: { uid: input.uid, gid: input.gid, additionalGids: input.additionalGids.length ? input.additionalGids : undefined },
    args: input.args,
    env: input.env,
    cwd: input.cwd || '/',
    capabilities: { bounding: caps, effective: caps, permitted: caps },
    noNewPrivileges: input.noNewPrivileges,
  };
  // Only what the user asked for: this host refuses raising rlimits (no CAP_SYS_RESOURCE).
  if (input.ulimits.length) {
    process.rlimits = input.ulimits.map((u) => ({ type: `RLIMIT_${u.Name.toUpperCase()}`, soft: u.Soft, hard: u.Hard }));
  }
  if (input.oomScoreAdj) process.oomScoreAdj = input.oomScoreAdj;

  return {
    ociVersion: '1.0.2',
    process,
    root: { path: input.rootfs, readonly: input.readonlyRootfs },
    hostname: input.netnsPath === 'host' ? undefined : input.hostname,
    mounts,
    linux,
    annotations: input.annotations ?? {},
  };
}
