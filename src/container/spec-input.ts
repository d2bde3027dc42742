// Gathers everything the OCI spec needs for one container from its record,
// its rootfs and the daemon's settings (runtime/spec.ts stays pure).
import { invalidArgument } from '../errdefs';
import { effectiveCapabilities } from '../runtime/capabilities';
import { loadProfile, toOciSeccomp, type SeccompProfile } from '../runtime/seccomp';
import type { OciMount, SpecInput } from '../runtime/spec';
import { devicesFromPath, hostDevices, type DeviceNode, type DeviceRule } from '../sys/devices';
import type { DaemonSettings } from './deps';
import type { ContainerRecord } from './types';
import { resolveUser } from './user';
import { containerIdMap } from './userns';

const profiles = new Map<string, SeccompProfile>();

function seccompFor(rec: ContainerRecord, settings: DaemonSettings, caps: string[]): Record<string, unknown> | undefined {
  let profile: SeccompProfile | undefined;
  for (const opt of rec.hostConfig.SecurityOpt ?? []) {
    const [key, value] = splitOpt(opt);
    if (key !== 'seccomp') continue;
    if (value === 'unconfined') return undefined;
    try {
      // The docker CLI sends the profile's content, not its file name.
      profile = JSON.parse(value) as SeccompProfile;
    } catch {
      throw invalidArgument(`Decoding seccomp profile failed: invalid JSON`);
    }
  }
  if (!profile) {
    if (!settings.seccompProfile) return undefined;
    profile = profiles.get(settings.seccompProfile);
    if (!profile) profiles.set(settings.seccompProfile, (profile = loadProfile(settings.seccompProfile)));
  }
  return toOciSeccomp(profile, caps, { kernel: settings.kernel });
}

function splitOpt(opt: string): [string, string] {
  const i = opt.search(/[=:]/);
  return i < 0 ? [opt, ''] : [opt.slice(0, i), opt.slice(i + 1)];
}

export function specInput(
  rec: ContainerRecord,
  settings: DaemonSettings,
  paths: {
    rootfs: string;
    etc: { hostname: string; hosts: string; resolvConf: string };
    mounts?: OciMount[];
    netns?: string;
    /** The user namespace to join (--userns-remap: the one owning the network namespace). */
    userns?: string;
    extraEnv?: string[];
  },
): SpecInput {
  const hc = rec.hostConfig;
  const cfg = rec.config;
  const user = resolveUser(paths.rootfs, cfg.User, hc.GroupAdd ?? []);
  const caps = effectiveCapabilities({
    add: hc.CapAdd,
    drop: hc.CapDrop,
    privileged: hc.Privileged,
    hostBounding: settings.hostBoundingCaps,
  });
  let noNewPrivileges = false;
  for (const opt of hc.SecurityOpt ?? []) {
    const [k, v] = splitOpt(opt);
    if (k === 'no-new-privileges') noNewPrivileges = v === '' || v === 'true';
    else if (!['seccomp', 'label', 'apparmor'].includes(k)) throw invalidArgument(`invalid --security-opt: ${JSON.stringify(opt)}`);
  }

  const env = [...(cfg.Env ?? [])];
  const has = (k: string) => env.some((e) => e.startsWith(`${k}=`));
  if (hc.NetworkMode !== 'host' && !has('HOSTNAME')) env.unshift(`HOSTNAME=${cfg.Hostname}`);
  if (cfg.Tty && !has('TERM')) env.push('TERM=xterm');
  if (!has('HOME')) env.push(`HOME=${user.home || '/'}`);

  let args = [rec.path, ...rec.args];
  const extraMounts: OciMount[] = [...(paths.mounts ?? [])];
  if (hc.Init && settings.initBinary) {
    extraMounts.push({ destination: '/sbin/docker-init', type: 'bind', source: settings.initBinary, options: ['rbind', 'ro'] });
    args = ['/sbin/docker-init', '--', ...args];
  }

  // Link variables come before the container's own, which win on a clash (as in Docker).
  for (const e of paths.extraEnv ?? []) if (!has(e.slice(0, e.indexOf('=')))) env.push(e);
  const netnsPath = paths.netns;

  const { devices, deviceRules } = devicesOf(hc);

  const quota = hc.NanoCpus ? Math.round((hc.NanoCpus * 100_000) / 1e9) : hc.CpuQuota;
  const period = hc.NanoCpus ? 100_000 : hc.CpuPeriod;

  return {
    rootfs: paths.rootfs,
    readonlyRootfs: hc.ReadonlyRootfs,
    args,
    env,
    cwd: cfg.WorkingDir || '/',
    uid: user.uid,
    gid: user.gid,
    additionalGids: user.additionalGids,
    terminal: cfg.Tty,
    consoleSize: consoleSize(hc.ConsoleSize),
    hostname: cfg.Hostname,
    etcFiles: paths.etc,
    tmpfs: hc.Tmpfs ?? {},
    extraMounts,
    shmSize: hc.ShmSize,
    capabilities: caps,
    privileged: hc.Privileged,
    noNewPrivileges,
    seccomp: hc.Privileged ? undefined : seccompFor(rec, settings, caps),
    cgroupsPath: cgroupsPathOf(rec, settings),
    resources: {
      memory: hc.Memory || undefined,
      memorySwap: hc.MemorySwap || undefined,
      memoryReservation: hc.MemoryReservation || undefined,
      cpuShares: hc.CpuShares || undefined,
      cpuQuota: quota || undefined,
      cpuPeriod: period || undefined,
      cpusetCpus: hc.CpusetCpus || undefined,
      cpusetMems: hc.CpusetMems || undefined,
      pidsLimit: hc.PidsLimit ?? undefined,
    },
    ulimits: hc.Ulimits ?? [],
    netnsPath,
    sysctls: hc.Sysctls ?? {},
    devices,
    deviceRules,
    oomScoreAdj: hc.OomScoreAdj,
    userns: usernsOf(rec, settings, paths.userns),
  };
}

function usernsOf(rec: ContainerRecord, settings: DaemonSettings, path: string | undefined): SpecInput['userns'] {
  const m = containerIdMap(rec.hostConfig, settings);
  return m && { uidMappings: m.uids, gidMappings: m.gids, path };
}

/** --device nodes (re-read at every start: the host's numbers may change), or all of /dev for --privileged. */
function devicesOf(hc: ContainerRecord['hostConfig']): { devices: DeviceNode[]; deviceRules: DeviceRule[] } {
  if (hc.Privileged) return { devices: hostDevices(), deviceRules: [] };
  const devices: DeviceNode[] = [];
  const deviceRules: DeviceRule[] = [];
  for (const d of hc.Devices ?? []) {
    try {
      const got = devicesFromPath(d.PathOnHost, d.PathInContainer || d.PathOnHost, d.CgroupPermissions || 'rwm');
      devices.push(...got.devices);
      deviceRules.push(...got.rules);
    } catch (err) {
      throw invalidArgument((err as Error).message);
    }
  }
  return { devices, deviceRules };
}

/** [height, width] from the API; runc wants both positive or nothing. */
export function consoleSize(size: [number, number] | null | undefined): { height: number; width: number } | undefined {
  if (!size || !(size[0] > 0) || !(size[1] > 0)) return undefined;
  return { height: size[0], width: size[1] };
}

/** The container's cgroup, relative to each hierarchy's root: /<parent>/<id>. */
export function cgroupsPathOf(rec: ContainerRecord, settings: { cgroupParent: string }): string {
  const parent = rec.hostConfig.CgroupParent || settings.cgroupParent;
  return `/${parent.replace(/^\/+/, '')}/${rec.id}`;
}
