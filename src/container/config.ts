// Turns a create request (Docker's Config + HostConfig) and the image's
// config into the container's effective configuration, validating it the way
// dockerd does, with dockerd's messages.
import { invalidArgument } from '../errdefs';
import { DEFAULT_PATH_ENV } from '../runtime/defaults';
import type { DaemonSettings, ImageConfigView } from './deps';
import type { ContainerConfig, HostConfig } from './types';
import { validateLogConfig } from './logopts';
import type { NetworkingConfigBody } from './network';
import { validateSecurity } from './security';
import { validateUserns } from './userns';

export interface CreateBody extends Partial<ContainerConfig> {
  HostConfig?: Partial<HostConfig>;
  NetworkingConfig?: NetworkingConfigBody;
  MacAddress?: string;
}

const MIN_MEMORY = 6 * 1024 * 1024;
const RESTART_POLICIES = ['', 'no', 'always', 'unless-stopped', 'on-failure'];
export const LOG_DRIVERS = ['json-file', 'k8s-file', 'local', 'none'];

function mergeEnv(image: string[] | null | undefined, user: string[] | null | undefined): string[] {
  const out = new Map<string, string>();
  for (const e of [...(image ?? []), ...(user ?? [])]) {
    const eq = e.indexOf('=');
    out.set(eq < 0 ? e : e.slice(0, eq), e);
  }
  if (!out.has('PATH')) out.set('PATH', DEFAULT_PATH_ENV);
  return [...out.values()];
}

export function effectiveCommand(body: CreateBody, image: ImageConfigView): { entrypoint: string[] | null; cmd: string[] | null } {
  if (body.Entrypoint !== undefined && body.Entrypoint !== null) {
    // An entrypoint given at create resets the image's CMD too, as in Docker;
    // `--entrypoint ""` arrives as [""] and means "no entrypoint".
    const ep = body.Entrypoint.length === 1 && body.Entrypoint[0] === '' ? [] : body.Entrypoint;
    return { entrypoint: ep.length ? ep : null, cmd: body.Cmd?.length ? body.Cmd : null };
  }
  return {
    entrypoint: image.Entrypoint?.length ? image.Entrypoint : null,
    cmd: body.Cmd?.length ? body.Cmd : image.Cmd?.length ? image.Cmd : null,
  };
}

function cpusetValid(spec: string, ncpu: number): boolean {
  for (const part of spec.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return false;
    const hi = Number(m[2] ?? m[1]);
    if (Number(m[1]) > hi || hi >= ncpu) return false;
  }
  return true;
}

export function buildHostConfig(h: Partial<HostConfig> | undefined, settings: DaemonSettings): HostConfig {
  const hc: HostConfig = {
    Binds: null,
    ContainerIDFile: '',
    NetworkMode: 'default',
    PortBindings: {},
    VolumeDriver: '',
    VolumesFrom: null,
    ConsoleSize: [0, 0],
    CapAdd: null,
    CapDrop: null,
    CgroupnsMode: settings.cgroupVersion === 2 ? 'private' : 'host',
    Dns: [],
    DnsOptions: [],
    DnsSearch: [],
    ExtraHosts: null,
    GroupAdd: null,
    IpcMode: 'private',
    Cgroup: '',
    Links: null,
    OomScoreAdj: 0,
    PidMode: '',
    PublishAllPorts: false,
    SecurityOpt: null,
    UTSMode: '',
    UsernsMode: '',
    Isolation: '',
    CgroupParent: '',
    BlkioWeight: 0,
    Devices: [],
    MemorySwappiness: null,
    OomKillDisable: null,
    PidsLimit: null,
    Ulimits: [],
    Mounts: undefined,
    MaskedPaths: undefined,
    ReadonlyPaths: undefined,
    ...h,
    LogConfig: {
      Type: h?.LogConfig?.Type || settings.defaultLogDriver,
      // dockerd adds its log-opts when the container uses the default driver.
      Config:
        h?.LogConfig?.Type && h.LogConfig.Type !== settings.defaultLogDriver
          ? h.LogConfig.Config ?? {}
          : { ...settings.defaultLogOpts, ...(h?.LogConfig?.Config ?? {}) },
    },
    RestartPolicy: { Name: h?.RestartPolicy?.Name || 'no', MaximumRetryCount: h?.RestartPolicy?.MaximumRetryCount ?? 0 },
    AutoRemove: !!h?.AutoRemove,
    Privileged: !!h?.Privileged,
    ReadonlyRootfs: !!h?.ReadonlyRootfs,
    ShmSize: h?.ShmSize || settings.defaultShmSize,
    Runtime: h?.Runtime || settings.defaultRuntime,
    CpuShares: h?.CpuShares ?? 0,
    Memory: h?.Memory ?? 0,
    NanoCpus: h?.NanoCpus ?? 0,
    CpuPeriod: h?.CpuPeriod ?? 0,
    CpuQuota: h?.CpuQuota ?? 0,
    CpusetCpus: h?.CpusetCpus ?? '',
    CpusetMems: h?.CpusetMems ?? '',
    MemoryReservation: h?.MemoryReservation ?? 0,
    MemorySwap: h?.MemorySwap ?? 0,
  };
  validateHostConfig(hc, settings);
  if (hc.Memory > 0 && hc.MemorySwap === 0) hc.MemorySwap = hc.Memory * 2;
  return hc;
}

export function validateHostConfig(hc: HostConfig, settings: DaemonSettings): void {
  if (hc.Memory < 0 || (hc.Memory > 0 && hc.Memory < MIN_MEMORY)) throw invalidArgument('Minimum memory limit allowed is 6MB');
  if (hc.MemorySwap > 0 && hc.Memory === 0) {
    throw invalidArgument('You should always set the Memory limit when using Memoryswap limit, see usage');
  }
  if (hc.MemorySwap > 0 && hc.MemorySwap < hc.Memory) {
    throw invalidArgument('Minimum memoryswap limit should be larger than memory limit, see usage');
  }
  if (hc.NanoCpus && (hc.CpuPeriod || hc.CpuQuota)) {
    throw invalidArgument('Conflicting options: Nano CPUs and CPU Period cannot both be set');
  }
  if (hc.NanoCpus < 0 || hc.NanoCpus > settings.ncpu * 1e9) {
    throw invalidArgument(
      `Range of CPUs is from 0.01 to ${settings.ncpu.toFixed(2)}, as there are only ${settings.ncpu} CPUs available`,
    );
  }
  if (hc.CpuShares < 0) throw invalidArgument('invalid CPU shares');
  if (hc.CpusetCpus && !cpusetValid(hc.CpusetCpus, settings.ncpu)) {
    throw invalidArgument(
      `Requested CPUs are not available - requested ${hc.CpusetCpus}, available: 0-${settings.ncpu - 1}`,
    );
  }
  if (hc.ShmSize < 0) throw invalidArgument('SHM size can not be less than 0');
  const rp = { Name: hc.RestartPolicy.Name ?? '', MaximumRetryCount: hc.RestartPolicy.MaximumRetryCount ?? 0 };
  if (!RESTART_POLICIES.includes(rp.Name)) throw invalidArgument(`invalid restart policy '${rp.Name}'`);
  if (rp.MaximumRetryCount < 0) throw invalidArgument('invalid value for maximum retry count, must be a positive integer');
  if (rp.MaximumRetryCount > 0 && rp.Name !== 'on-failure') {
    throw invalidArgument("invalid restart policy: maximum retry count can only be used with 'on-failure'");
  }
  if (hc.AutoRemove && rp.Name !== 'no' && rp.Name !== '') {
    throw invalidArgument(`can't create 'AutoRemove' container with restart policy`);
  }
  if (!LOG_DRIVERS.includes(hc.LogConfig.Type ?? '')) {
    // dockerd looks an unregistered driver up as a logging plugin at create and answers 400 with that lookup's error.
    const name = hc.LogConfig.Type;
    throw invalidArgument(`error looking up logging plugin ${name}: plugin "${name}" not found`);
  }
  validateLogConfig(hc.LogConfig.Type ?? '', hc.LogConfig.Config ?? {});
  if (!settings.runtimes[hc.Runtime]) throw invalidArgument(`unknown or invalid runtime name: ${hc.Runtime}`);
  validateSecurity(hc);
  validateUserns(hc, settings);
  for (const u of hc.Ulimits ?? []) {
    if (u.Soft > u.Hard) throw invalidArgument(`ulimit soft limit must be less than or equal to hard limit: ${u.Soft} > ${u.Hard}`);
  }
}

export function buildConfig(body: CreateBody, image: ImageConfigView, id: string): ContainerConfig {
  const { entrypoint, cmd } = effectiveCommand(body, image);
  const workdir = body.WorkingDir || image.WorkingDir || '';
  if (workdir && !workdir.startsWith('/')) {
    throw invalidArgument(`the working directory '${workdir}' is invalid, it needs to be an absolute path`);
  }
  return {
    Hostname: body.Hostname || id.slice(0, 12),
    Domainname: body.Domainname ?? '',
    User: body.User || image.User || '',
    AttachStdin: !!body.AttachStdin,
    AttachStdout: body.AttachStdout ?? false,
    AttachStderr: body.AttachStderr ?? false,
    ExposedPorts: { ...(image.ExposedPorts ?? {}), ...(body.ExposedPorts ?? {}) } as ContainerConfig['ExposedPorts'],
    Tty: !!body.Tty,
    OpenStdin: !!body.OpenStdin,
    StdinOnce: !!body.StdinOnce,
    Env: mergeEnv(image.Env, body.Env),
    Cmd: cmd,
    Healthcheck: mergeHealthcheck(body.Healthcheck, image.Healthcheck as HealthConfig | undefined),
    Image: body.Image ?? '',
    Volumes: { ...(image.Volumes ?? {}), ...(body.Volumes ?? {}) } as ContainerConfig['Volumes'],
    WorkingDir: workdir,
    Entrypoint: entrypoint,
    OnBuild: null,
    Labels: { ...(image.Labels ?? {}), ...(body.Labels ?? {}) },
    StopSignal: body.StopSignal || image.StopSignal || undefined,
    StopTimeout: body.StopTimeout ?? undefined,
  };
}

type HealthConfig = NonNullable<ContainerConfig['Healthcheck']>;

/** dockerd's merge of the create body with the image: unset fields of the body's healthcheck come from the image's. */
export function mergeHealthcheck(user: HealthConfig | undefined | null, image: HealthConfig | undefined | null): HealthConfig | undefined {
  if (!user && !image) return undefined;
  const u = user ?? {};
  const i = image ?? {};
  // Go's field order, zero values left out (all of HealthConfig's fields are omitempty)
  const out: HealthConfig = {};
  const test = u.Test?.length ? u.Test : i.Test;
  if (test?.length) out.Test = test;
  for (const k of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) {
    const v = u[k] || (user && !image ? 0 : i[k]) || 0;
    if (v) out[k] = v;
  }
  return out;
}

/** dockerd's checks of a create body's healthcheck (durations are nanoseconds; 0 means the default). */
export function validateHealthcheck(h: HealthConfig | undefined | null): void {
  if (!h) return;
  const MS = 1_000_000;
  for (const [k, name] of [
    ['Interval', 'Interval'],
    ['Timeout', 'Timeout'],
    ['StartPeriod', 'StartPeriod'],
    ['StartInterval', 'StartInterval'],
  ] as const) {
    const v = h[k] ?? 0;
    if (v !== 0 && v < MS) throw invalidArgument(`${name} in Healthcheck cannot be less than 1ms`);
  }
  if ((h.Retries ?? 0) < 0) throw invalidArgument('Retries in Healthcheck cannot be negative');
}
