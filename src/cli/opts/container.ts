// The flags of `run`/`create` -> the POST /containers/create body, following
// the docker CLI's cli/command/container/opts.go (parse). Flag values arrive
// here already checked by their per-flag parsers (sizes, ints, env, ...);
// what docker validates only after flag parsing is validated here and thrown
// as plain Errors (run/create print them as "berth: <message>").
import type { ContainerCreateRequest, HealthConfig, HostConfig, Mount, NetworkingConfig, Ulimit } from '../../api/types';
import { kvToMap, readKVEnvStrings, readKVStrings } from './kv';
import { splitVolumes } from './mounts';
import { parsePublish } from './ports';
import {
  effectiveCaps,
  mergeUlimits,
  parseLogOpts,
  parseRestartPolicy,
  parseSecurityOpts,
  parseTmpfs,
  validatePullOpt,
  type PullPolicy,
} from './resources';

/** The parsed flags (commander's option values after the per-flag parsers). */
export interface ContainerFlags {
  // attach / terminal
  detach?: boolean;
  interactive?: boolean;
  tty?: boolean;
  attach?: string[];
  // identity and process
  name?: string;
  env?: string[];
  envFile?: string[];
  workdir?: string;
  user?: string;
  hostname?: string;
  domainname?: string;
  entrypoint?: string;
  label?: string[];
  labelFile?: string[];
  init?: boolean;
  stopSignal?: string;
  stopTimeout?: number;
  // resources
  memory?: number;
  memorySwap?: number;
  memoryReservation?: number;
  memorySwappiness?: number;
  cpus?: number; // already NanoCpus
  cpuShares?: number;
  cpuPeriod?: number;
  cpuQuota?: number;
  cpusetCpus?: string;
  cpusetMems?: string;
  pidsLimit?: number;
  ulimit?: Ulimit[];
  shmSize?: number;
  oomKillDisable?: boolean;
  oomScoreAdj?: number;
  // host
  rm?: boolean;
  readOnly?: boolean;
  tmpfs?: string[];
  network?: string[];
  networkAlias?: string[];
  ip?: string;
  ip6?: string;
  linkLocalIp?: string[];
  macAddress?: string;
  restart?: string;
  privileged?: boolean;
  capAdd?: string[];
  capDrop?: string[];
  securityOpt?: string[];
  logDriver?: string;
  logOpt?: string[];
  publish?: string[];
  publishAll?: boolean;
  expose?: string[];
  volume?: string[];
  volumesFrom?: string[];
  volumeDriver?: string;
  mount?: Mount[];
  dns?: string[];
  dnsOption?: string[];
  dnsSearch?: string[];
  addHost?: string[];
  groupAdd?: string[];
  sysctl?: string[];
  storageOpt?: string[];
  annotation?: string[];
  runtime?: string;
  cgroupns?: string;
  cgroupParent?: string;
  ipc?: string;
  pid?: string;
  uts?: string;
  userns?: string;
  device?: string[];
  link?: string[];
  healthCmd?: string;
  healthInterval?: number; // ns
  healthTimeout?: number;
  healthStartPeriod?: number;
  healthStartInterval?: number;
  healthRetries?: number;
  noHealthcheck?: boolean;
  // client side
  platform?: string;
  pull?: string;
  sigProxy?: boolean;
  detachKeys?: string;
  cidfile?: string;
  quiet?: boolean;
}

export interface BuildEnv {
  readFile: (path: string) => string;
  lookupEnv: (name: string) => string | undefined;
  /** resolve a relative path against the working directory */
  abs: (path: string) => string;
  /** [rows, cols] of the terminal when stdout is one (sent with -t) */
  consoleSize?: [number, number];
}

export interface CreatePlan {
  body: ContainerCreateRequest;
  name?: string;
  platform?: string;
  pull: PullPolicy;
}

const nonEmpty = <T>(a: T[] | undefined): a is T[] => !!a && a.length > 0;

/** docker's parseDevice: "/dev/x[:/dev/y][:rwm]" */
function parseDevice(spec: string): { PathOnHost: string; PathInContainer: string; CgroupPermissions: string } {
  const parts = spec.split(':');
  let src = '';
  let dst = '';
  let perms = 'rwm';
  const validPerms = (s: string): boolean => s.length > 0 && s.length <= 3 && /^[rwm]+$/.test(s);
  if (parts.length === 3) {
    if (!validPerms(parts[2])) throw new Error(`bad mode specified: ${parts[2]}`);
    [src, dst, perms] = parts;
  } else if (parts.length === 2) {
    if (validPerms(parts[1])) [src, perms] = parts;
    else [src, dst] = parts;
  } else if (parts.length === 1) {
    src = parts[0];
  } else {
    throw new Error(`invalid device specification: ${spec}`);
  }
  if (!dst) dst = src;
  return { PathOnHost: src, PathInContainer: dst, CgroupPermissions: perms };
}

/**
 * Build the create request. `args` is [IMAGE, ...COMMAND]. `isRun` changes
 * the attach defaults only through `detach` (create never detaches stdin).
 */
export function buildCreatePlan(flags: ContainerFlags, args: string[], env: BuildEnv): CreatePlan {
  const [image, ...cmd] = args;
  const pull = validatePullOpt(flags.pull ?? 'missing');

  // attach: -a picks streams; without -a, stdout and stderr; -i adds stdin
  const attach = flags.attach ?? [];
  let attachStdin = attach.includes('stdin');
  let attachStdout = attach.includes('stdout');
  let attachStderr = attach.includes('stderr');
  if (flags.interactive) attachStdin = true;
  if (attach.length === 0) {
    attachStdout = true;
    attachStderr = true;
  }
  if (flags.detach) {
    // (run checks -d with -a itself: docker reports that one without the usage hint)
    attachStdin = attachStdout = attachStderr = false;
  }

  const envList = readKVEnvStrings(flags.envFile ?? [], flags.env ?? [], env.readFile, env.lookupEnv);
  const labels = kvToMap(readKVStrings(flags.labelFile ?? [], flags.label ?? [], env.readFile));
  const { exposed, bindings } = parsePublish(flags.publish ?? [], flags.expose ?? []);
  const { binds, volumes } = splitVolumes(flags.volume ?? [], env.abs);
  const restart = flags.restart !== undefined ? parseRestartPolicy(flags.restart) : undefined;
  const securityOpt = parseSecurityOpts(flags.securityOpt ?? [], env.readFile);
  const logOpts = parseLogOpts(flags.logDriver, flags.logOpt ?? []);
  const caps = effectiveCaps(flags.capAdd ?? [], flags.capDrop ?? []);

  const body: ContainerCreateRequest = {
    Image: image,
    AttachStdin: attachStdin,
    AttachStdout: attachStdout,
    AttachStderr: attachStderr,
    Tty: !!flags.tty,
    OpenStdin: !!flags.interactive,
    StdinOnce: !!flags.interactive && attachStdin,
  };
  if (flags.hostname) body.Hostname = flags.hostname;
  if (flags.domainname) body.Domainname = flags.domainname;
  if (flags.user) body.User = flags.user;
  if (envList.length) body.Env = envList;
  if (cmd.length) body.Cmd = cmd;
  if (flags.entrypoint !== undefined) body.Entrypoint = [flags.entrypoint]; // "" resets the image's
  if (flags.workdir) body.WorkingDir = flags.workdir;
  if (Object.keys(labels).length) body.Labels = labels;
  if (Object.keys(exposed).length) body.ExposedPorts = exposed;
  if (Object.keys(volumes).length) body.Volumes = volumes;
  if (flags.stopSignal) body.StopSignal = flags.stopSignal;
  if (flags.stopTimeout !== undefined) body.StopTimeout = flags.stopTimeout;
  if (flags.macAddress) body.MacAddress = flags.macAddress;

  const health = buildHealthcheck(flags);
  if (health) body.Healthcheck = health;

  const hc: HostConfig = {};
  if (binds.length) hc.Binds = binds;
  if (nonEmpty(flags.mount)) hc.Mounts = flags.mount;
  if (flags.memory !== undefined) hc.Memory = flags.memory;
  if (flags.memorySwap !== undefined) hc.MemorySwap = flags.memorySwap;
  if (flags.memoryReservation !== undefined) hc.MemoryReservation = flags.memoryReservation;
  if (flags.memorySwappiness !== undefined && flags.memorySwappiness !== -1) hc.MemorySwappiness = flags.memorySwappiness;
  if (flags.cpus !== undefined) hc.NanoCpus = flags.cpus;
  if (flags.cpuShares !== undefined) hc.CpuShares = flags.cpuShares;
  if (flags.cpuPeriod !== undefined) hc.CpuPeriod = flags.cpuPeriod;
  if (flags.cpuQuota !== undefined) hc.CpuQuota = flags.cpuQuota;
  if (flags.cpusetCpus) hc.CpusetCpus = flags.cpusetCpus;
  if (flags.cpusetMems) hc.CpusetMems = flags.cpusetMems;
  if (flags.pidsLimit !== undefined) hc.PidsLimit = flags.pidsLimit;
  if (nonEmpty(flags.ulimit)) hc.Ulimits = mergeUlimits(flags.ulimit);
  if (flags.shmSize !== undefined) hc.ShmSize = flags.shmSize;
  if (flags.oomKillDisable) hc.OomKillDisable = true;
  if (flags.oomScoreAdj !== undefined) hc.OomScoreAdj = flags.oomScoreAdj;
  if (flags.init) hc.Init = true;
  if (flags.rm) hc.AutoRemove = true;
  if (flags.readOnly) hc.ReadonlyRootfs = true;
  if (nonEmpty(flags.tmpfs)) hc.Tmpfs = parseTmpfs(flags.tmpfs);
  if (restart && restart.Name) hc.RestartPolicy = restart;
  if (flags.privileged) hc.Privileged = true;
  if (caps.capAdd.length) hc.CapAdd = caps.capAdd;
  if (caps.capDrop.length) hc.CapDrop = caps.capDrop;
  if (securityOpt.length) hc.SecurityOpt = securityOpt;
  if (flags.logDriver || Object.keys(logOpts).length) hc.LogConfig = { Type: flags.logDriver ?? '', Config: logOpts };
  if (Object.keys(bindings).length) hc.PortBindings = bindings;
  if (flags.publishAll) hc.PublishAllPorts = true;
  if (nonEmpty(flags.volumesFrom)) hc.VolumesFrom = flags.volumesFrom;
  if (flags.volumeDriver) hc.VolumeDriver = flags.volumeDriver;
  if (nonEmpty(flags.dns)) hc.Dns = flags.dns;
  if (nonEmpty(flags.dnsOption)) hc.DnsOptions = flags.dnsOption;
  if (nonEmpty(flags.dnsSearch)) hc.DnsSearch = flags.dnsSearch;
  if (nonEmpty(flags.addHost)) hc.ExtraHosts = flags.addHost;
  if (nonEmpty(flags.groupAdd)) hc.GroupAdd = flags.groupAdd;
  if (nonEmpty(flags.sysctl)) hc.Sysctls = kvToMap(flags.sysctl);
  if (nonEmpty(flags.storageOpt)) hc.StorageOpt = kvToMap(flags.storageOpt);
  if (nonEmpty(flags.annotation)) hc.Annotations = kvToMap(flags.annotation);
  if (flags.runtime) hc.Runtime = flags.runtime;
  if (flags.cgroupns) hc.CgroupnsMode = flags.cgroupns;
  if (flags.cgroupParent) hc.CgroupParent = flags.cgroupParent;
  if (flags.ipc) hc.IpcMode = flags.ipc;
  if (flags.pid) hc.PidMode = flags.pid;
  if (flags.uts) hc.UTSMode = flags.uts;
  if (flags.userns) {
    // The docker CLI's check: only "host" (or nothing, the daemon's remapping) is a user namespace mode.
    if (flags.userns !== 'host') throw new Error('--userns: invalid USER mode');
    hc.UsernsMode = flags.userns;
  }
  if (nonEmpty(flags.device)) hc.Devices = flags.device.map(parseDevice);
  if (nonEmpty(flags.link)) hc.Links = flags.link;
  if (flags.tty && env.consoleSize) hc.ConsoleSize = env.consoleSize;

  // --network: the first one is the NetworkMode; user-defined networks get an endpoint
  let networking: NetworkingConfig | undefined;
  // Like the docker CLI: --ip/--network-alias without --network go to the "default" endpoint, and the daemon decides.
  const ipam = flags.ip || flags.ip6 || nonEmpty(flags.linkLocalIp);
  const nets = flags.network?.length ? flags.network : ipam || nonEmpty(flags.networkAlias) ? ['default'] : [];
  if (nets.length) {
    hc.NetworkMode = nets[0];
    const builtin = (n: string): boolean => ['host', 'none', 'bridge', 'default'].includes(n) || n.startsWith('container:');
    const endpoints: NonNullable<NetworkingConfig['EndpointsConfig']> = {};
    nets.forEach((n, i) => {
      if (builtin(n) && !(i === 0 && (ipam || nonEmpty(flags.networkAlias)))) return;
      const ep: NonNullable<NetworkingConfig['EndpointsConfig']>[string] = {};
      if (i === 0) {
        if (nonEmpty(flags.networkAlias)) ep.Aliases = flags.networkAlias;
        if (ipam) {
          ep.IPAMConfig = {
            IPv4Address: flags.ip || undefined,
            IPv6Address: flags.ip6 || undefined,
            LinkLocalIPs: nonEmpty(flags.linkLocalIp) ? flags.linkLocalIp : undefined,
          };
        }
      }
      endpoints[n] = ep;
    });
    if (Object.keys(endpoints).length) networking = { EndpointsConfig: endpoints };
  }

  if (Object.keys(hc).length) body.HostConfig = hc;
  if (networking) body.NetworkingConfig = networking;
  return { body, name: flags.name || undefined, platform: flags.platform || undefined, pull };
}

function buildHealthcheck(f: ContainerFlags): HealthConfig | undefined {
  const any =
    f.healthCmd !== undefined ||
    f.healthInterval !== undefined ||
    f.healthTimeout !== undefined ||
    f.healthStartPeriod !== undefined ||
    f.healthStartInterval !== undefined ||
    f.healthRetries !== undefined;
  if (f.noHealthcheck) {
    if (any) throw new Error('--no-healthcheck conflicts with --health-* options');
    return { Test: ['NONE'] };
  }
  if (!any) return undefined;
  const neg = (v: number | undefined, what: string): void => {
    if (v !== undefined && v < 0) throw new Error(`--${what} cannot be negative`);
  };
  neg(f.healthInterval, 'health-interval');
  neg(f.healthTimeout, 'health-timeout');
  neg(f.healthRetries, 'health-retries');
  neg(f.healthStartPeriod, 'health-start-period');
  neg(f.healthStartInterval, 'health-start-interval');
  const h: HealthConfig = {};
  if (f.healthCmd) h.Test = ['CMD-SHELL', f.healthCmd];
  if (f.healthInterval !== undefined) h.Interval = f.healthInterval;
  if (f.healthTimeout !== undefined) h.Timeout = f.healthTimeout;
  if (f.healthStartPeriod !== undefined) h.StartPeriod = f.healthStartPeriod;
  if (f.healthStartInterval !== undefined) h.StartInterval = f.healthStartInterval;
  if (f.healthRetries !== undefined) h.Retries = f.healthRetries;
  return h;
}
