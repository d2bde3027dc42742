// berthd's configuration: dockerd's flag names, plus daemon.json with
// Docker's keys. A key given both as a flag and in the file is an error, as
// in dockerd; so is a key the file should not have.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { LOG_DRIVERS } from '../container/config';
import { validateLogConfig } from '../container/logopts';
import { isLoopback } from '../ui/guard';

export interface DaemonConfig {
  hosts: string[];
  dataRoot: string;
  execRoot: string;
  pidfile: string;
  configFile: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  bridge: string;
  bip: string;
  defaultRuntime: string;
  runtimes: Record<string, { path: string; runtimeArgs?: string[] }>;
  logDriver: string;
  logOpts: Record<string, string>;
  cgroupParent: string;
  seccompProfile: string;
  initPath: string;
  dns: string[];
  group: string;
  liveRestore: boolean;
  insecureRegistries: string[];
  /** Docker's certs.d layout for registry CAs and client certificates. */
  registryCertsDir: string;
  maxConcurrentDownloads: number;
  maxConcurrentUploads: number;
  maxDownloadAttempts: number;
  /** Seconds a registry may stay silent in the middle of a request. */
  registryTimeout: number;
  /** Blobs larger than this are pushed in PATCH chunks of this size. */
  registryChunkSize: number;
  /** host:port serving GET /metrics (Prometheus text format); '' for none. */
  metricsAddr: string;
  /** host:port serving the web dashboard (src/ui); '' for none (the default). */
  uiAddr: string;
  /** --tls: true/false when given, undefined otherwise (false is the explicit opt-in to plain TCP). */
  tls?: boolean;
  /** --tlsverify: TLS with client certificates signed by tlscacert (mutual TLS). */
  tlsVerify: boolean;
  tlsCaCert: string;
  tlsCert: string;
  tlsKey: string;
  /** --userns-remap: "default", "user[:group]" or "uid[:gid]"; '' when containers share the host's user namespace. */
  usernsRemap: string;
}

export const DEFAULT_SOCKET = 'unix:///run/berth/berth.sock';
/** containers-common's profile: berth's "builtin" one (info shows it as profile=builtin, like dockerd's). */
export const DEFAULT_SECCOMP_PROFILE = '/usr/share/containers/seccomp.json';

const FILE_KEYS: Record<string, keyof DaemonConfig> = {
  hosts: 'hosts',
  'data-root': 'dataRoot',
  'exec-root': 'execRoot',
  pidfile: 'pidfile',
  'log-level': 'logLevel',
  bridge: 'bridge',
  bip: 'bip',
  'default-runtime': 'defaultRuntime',
  runtimes: 'runtimes',
  'log-driver': 'logDriver',
  'log-opts': 'logOpts',
  'cgroup-parent': 'cgroupParent',
  'metrics-addr': 'metricsAddr',
  'ui-addr': 'uiAddr',
  'seccomp-profile': 'seccompProfile',
  'init-path': 'initPath',
  dns: 'dns',
  group: 'group',
  'live-restore': 'liveRestore',
  'insecure-registries': 'insecureRegistries',
  'max-concurrent-downloads': 'maxConcurrentDownloads',
  'max-concurrent-uploads': 'maxConcurrentUploads',
  'max-download-attempts': 'maxDownloadAttempts',
  tls: 'tls',
  tlsverify: 'tlsVerify',
  tlscacert: 'tlsCaCert',
  tlscert: 'tlsCert',
  tlskey: 'tlsKey',
  'userns-remap': 'usernsRemap',
};
// Keys Docker users keep in daemon.json that later work will honour; accepted now.
const ACCEPTED_KEYS = ['debug', 'registry-mirrors', 'storage-driver', 'iptables', 'ip-forward', 'userland-proxy', 'default-address-pools', 'features', 'experimental', 'dns-search', 'dns-opts', 'mtu', 'shutdown-timeout', 'icc', 'ip', 'fixed-cidr', 'default-gateway', 'labels', 'exec-opts', 'default-ulimits', 'no-new-privileges', 'selinux-enabled'];

export function parseDaemonArgs(argv: string[]): DaemonConfig {
  const program = new Command('berthd')
    .description('A self-sufficient runtime for containers, speaking the Docker Engine API')
    .addOption(new Option('-H, --host <socket>', 'Daemon socket(s) to connect to').argParser(collect))
    .option('--data-root <dir>', 'Root directory of persistent state')
    .option('--exec-root <dir>', 'Root directory for execution state files')
    .option('-p, --pidfile <file>', 'Path to use for daemon PID file')
    .option('--config-file <file>', 'Daemon configuration file', '/etc/berth/daemon.json')
    .addOption(new Option('-l, --log-level <level>', 'Set the logging level').choices(['debug', 'info', 'warn', 'error', 'fatal']))
    .option('-D, --debug', 'Enable debug mode')
    .option('-b, --bridge <name>', 'Attach containers to a network bridge')
    .option('--bip <cidr>', 'Specify default-bridge IPv4 network')
    .option('--default-runtime <name>', 'Default OCI runtime for containers')
    .option('--cgroup-parent <path>', 'Set parent cgroup for all containers')
    .option('--seccomp-profile <file>', 'Path to seccomp profile')
    .option('--init-path <path>', 'Path to the init binary used by --init')
    .option('--log-driver <driver>', 'Default driver for container logs')
    .option('-G, --group <group>', 'Group for the unix socket')
    .addOption(new Option('--insecure-registry <host>', 'Enable insecure registry communication (host[:port] or CIDR)').argParser(collect))
    .option('--registry-certs-dir <dir>', 'Per-registry CA and client certificates, as <dir>/<host:port>/{ca.crt,client.cert,client.key}', '/etc/berth/certs.d')
    .option('--max-concurrent-downloads <n>', 'Set the max concurrent downloads', intArg)
    .option('--max-concurrent-uploads <n>', 'Set the max concurrent uploads', intArg)
    .option('--max-download-attempts <n>', 'Set the max download attempts for each pull', intArg)
    .option('--registry-timeout <seconds>', 'Fail a registry request after this many seconds without data', intArg)
    .option('--registry-chunk-size <bytes>', 'Push blobs larger than this in chunks of this size (default 64 MiB)', intArg)
    .option('--metrics-addr <host:port>', 'Set default address and port to serve the metrics api on')
    .option('--ui-addr <host:port>', 'Serve the web dashboard on this address (loopback, or any with --tlsverify)')
    .addOption(new Option('--tls [bool]', 'Use TLS; implied by --tlsverify. --tls=false allows a plain TCP listener (insecure)').argParser(boolArg))
    .addOption(new Option('--tlsverify [bool]', 'Use TLS and verify the remote (client certificates signed by --tlscacert)').argParser(boolArg))
    .option('--tlscacert <file>', 'Trust certs signed only by this CA (default "~/.berth/ca.pem")')
    .option('--tlscert <file>', 'Path to TLS certificate file (default "~/.berth/cert.pem")')
    .option('--tlskey <file>', 'Path to TLS key file (default "~/.berth/key.pem")')
    .option('--userns-remap <user/group>', 'User/Group setting for user namespaces ("default", user[:group] or uid[:gid])')
    .option('--live-restore', 'Keep containers alive while the daemon is down (always on)')
    .version('0.1.0', '-v, --version', 'Print version information and quit')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(argv, { from: 'user' });
  const o = program.opts();

  const flags: Partial<DaemonConfig> = {};
  if (o.host) flags.hosts = o.host;
  if (o.dataRoot) flags.dataRoot = o.dataRoot;
  if (o.execRoot) flags.execRoot = o.execRoot;
  if (o.pidfile) flags.pidfile = o.pidfile;
  if (o.logLevel) flags.logLevel = o.logLevel;
  if (o.debug) flags.logLevel = 'debug';
  if (o.bridge) flags.bridge = o.bridge;
  if (o.bip) flags.bip = o.bip;
  if (o.defaultRuntime) flags.defaultRuntime = o.defaultRuntime;
  if (o.cgroupParent) flags.cgroupParent = o.cgroupParent;
  if (o.seccompProfile) flags.seccompProfile = o.seccompProfile;
  if (o.initPath) flags.initPath = o.initPath;
  if (o.logDriver) flags.logDriver = o.logDriver;
  if (o.group) flags.group = o.group;
  if (o.insecureRegistry) flags.insecureRegistries = o.insecureRegistry;
  if (o.maxConcurrentDownloads !== undefined) flags.maxConcurrentDownloads = o.maxConcurrentDownloads;
  if (o.maxConcurrentUploads !== undefined) flags.maxConcurrentUploads = o.maxConcurrentUploads;
  if (o.maxDownloadAttempts !== undefined) flags.maxDownloadAttempts = o.maxDownloadAttempts;
  if (o.metricsAddr) flags.metricsAddr = o.metricsAddr;
  if (o.uiAddr) flags.uiAddr = o.uiAddr;
  // `--tls` alone means true; `--tls=false` arrives as the string parsed below.
  if (o.tls !== undefined) flags.tls = o.tls === true || o.tls === 'true';
  if (o.tlsverify !== undefined) flags.tlsVerify = o.tlsverify === true || o.tlsverify === 'true';
  if (o.tlscacert) flags.tlsCaCert = o.tlscacert;
  if (o.tlscert) flags.tlsCert = o.tlscert;
  if (o.tlskey) flags.tlsKey = o.tlskey;
  if (o.usernsRemap !== undefined) flags.usernsRemap = o.usernsRemap;

  const file = readConfigFile(o.configFile, program.getOptionValueSource('configFile') !== 'default');
  const both = Object.keys(file).filter((k) => (flags as Record<string, unknown>)[k] !== undefined && k !== 'runtimes');
  if (both.length) {
    const key = Object.entries(FILE_KEYS).find(([, v]) => v === both[0])![0];
    throw new Error(
      `unable to configure the Docker daemon with file ${o.configFile}: the following directives are specified both as a flag and in the configuration file: ${key}: (from flag: ${(flags as Record<string, unknown>)[both[0]]}, from file: ${(file as Record<string, unknown>)[both[0]]})`,
    );
  }
  const dataRoot = flags.dataRoot ?? file.dataRoot ?? '/var/lib/berth';
  const execRoot = flags.execRoot ?? file.execRoot ?? '/run/berth';
  // dockerd's default: the certificates in $DOCKER_CERT_PATH or ~/.docker.
  const certDir = process.env.BERTH_CERT_PATH || process.env.DOCKER_CERT_PATH || join(homedir(), '.berth');
  const cfg: DaemonConfig = {
    hosts: flags.hosts ?? file.hosts ?? [DEFAULT_SOCKET],
    dataRoot,
    execRoot,
    pidfile: flags.pidfile ?? file.pidfile ?? `${execRoot}/berthd.pid`,
    configFile: o.configFile,
    logLevel: flags.logLevel ?? file.logLevel ?? 'info',
    bridge: flags.bridge ?? file.bridge ?? '',
    bip: flags.bip ?? file.bip ?? '',
    defaultRuntime: flags.defaultRuntime ?? file.defaultRuntime ?? 'runc',
    runtimes: { runc: { path: '/usr/sbin/runc' }, ...(file.runtimes ?? {}) },
    logDriver: flags.logDriver ?? file.logDriver ?? 'json-file',
    logOpts: file.logOpts ?? {},
    cgroupParent: flags.cgroupParent ?? file.cgroupParent ?? 'berth',
    seccompProfile: flags.seccompProfile ?? file.seccompProfile ?? DEFAULT_SECCOMP_PROFILE,
    initPath: flags.initPath ?? file.initPath ?? '/usr/bin/tini-static',
    dns: file.dns ?? [],
    group: flags.group ?? file.group ?? 'berth',
    liveRestore: true,
    insecureRegistries: flags.insecureRegistries ?? file.insecureRegistries ?? [],
    registryCertsDir: o.registryCertsDir,
    maxConcurrentDownloads: flags.maxConcurrentDownloads ?? file.maxConcurrentDownloads ?? 3,
    maxConcurrentUploads: flags.maxConcurrentUploads ?? file.maxConcurrentUploads ?? 5,
    maxDownloadAttempts: flags.maxDownloadAttempts ?? file.maxDownloadAttempts ?? 5,
    registryTimeout: o.registryTimeout ?? 60,
    registryChunkSize: o.registryChunkSize ?? 64 << 20,
    metricsAddr: flags.metricsAddr ?? file.metricsAddr ?? '',
    uiAddr: flags.uiAddr ?? file.uiAddr ?? '',
    tls: flags.tls ?? file.tls,
    tlsVerify: flags.tlsVerify ?? file.tlsVerify ?? false,
    tlsCaCert: flags.tlsCaCert ?? file.tlsCaCert ?? join(certDir, 'ca.pem'),
    tlsCert: flags.tlsCert ?? file.tlsCert ?? join(certDir, 'cert.pem'),
    tlsKey: flags.tlsKey ?? file.tlsKey ?? join(certDir, 'key.pem'),
    usernsRemap: flags.usernsRemap ?? file.usernsRemap ?? '',
  };
  validate(cfg);
  cfg.hosts = normalizeHosts(cfg.hosts);
  return cfg;
}

/**
 * dockerd's normalizeHosts: each host in one canonical spelling, duplicates
 * dropped (the same socket given twice is served once, not an error).
 */
export function normalizeHosts(hosts: string[]): string[] {
  const out: string[] = [];
  for (const h of hosts) {
    const l = parseListenHost(h);
    const canon = l.proto === 'unix' ? `unix://${resolve(l.path)}` : `tcp://${l.host.includes(':') ? `[${l.host}]` : l.host}:${l.port}`;
    if (!out.includes(canon)) out.push(canon);
  }
  return out;
}

function intArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid value "${value}": must be a positive integer`);
  return n;
}

function boolArg(value: string): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`invalid boolean value "${value}"`);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function readConfigFile(path: string, explicit: boolean): Partial<DaemonConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (explicit) throw new Error(`unable to configure the Docker daemon with file ${path}: ${(err as Error).message}`);
    return {};
  }
  let raw: Record<string, unknown>;
  try {
    // An empty file (or /dev/null) means no settings.
    raw = text.trim() ? JSON.parse(text) : {};
  } catch (err) {
    throw new Error(`unable to configure the Docker daemon with file ${path}: ${(err as Error).message}`);
  }
  const unknown = Object.keys(raw).filter((k) => !(k in FILE_KEYS) && !ACCEPTED_KEYS.includes(k));
  if (unknown.length) {
    throw new Error(`the following directives don't match any configuration option: ${unknown.join(', ')}`);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (FILE_KEYS[k]) out[FILE_KEYS[k]] = v;
  if (raw.debug === true && !out.logLevel) out.logLevel = 'debug';
  return out as Partial<DaemonConfig>;
}

export type ListenHost = { proto: 'unix'; path: string } | { proto: 'tcp'; host: string; port: number };

/** unix:///path or tcp://host:port (dockerd's -H forms; tcp needs a port, 2376 with TLS like dockerd). */
export function parseListenHost(h: string, tlsDefault = true): ListenHost {
  if (h.startsWith('unix://') && h.length > 'unix://'.length) return { proto: 'unix', path: h.slice('unix://'.length) };
  const m = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[^:/[\]]*)(?::(\d+))?\/?$/.exec(h);
  if (!m) throw new Error(`invalid host ${h}: give unix:///path or tcp://host:port`);
  const port = m[2] === undefined ? (tlsDefault ? 2376 : 2375) : Number(m[2]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid host ${h}: invalid port`);
  return { proto: 'tcp', host: (m[1] || '0.0.0.0').replace(/^\[|\]$/g, ''), port };
}

export function validate(cfg: DaemonConfig): void {
  if (cfg.bridge && cfg.bip) throw new Error('You specified -b & --bip, mutually exclusive options. Please specify only one');
  if (cfg.bridge && !/^[a-zA-Z0-9_.-]{1,15}$/.test(cfg.bridge)) throw new Error(`invalid bridge name: ${cfg.bridge}`);
  if (cfg.bip) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cfg.bip);
    if (!m || m.slice(1, 5).some((x) => Number(x) > 255) || Number(m[5]) > 30 || Number(m[5]) < 1) {
      throw new Error(`invalid argument "${cfg.bip}" for "--bip" flag: invalid CIDR address: ${cfg.bip}`);
    }
  }
  for (const h of cfg.hosts) {
    const l = parseListenHost(h);
    if (l.proto !== 'tcp') continue;
    if (cfg.tls === true && !cfg.tlsVerify) {
      throw new Error(`refusing to listen on ${h}: --tls without --tlsverify lets any client in; add --tlsverify with --tlscacert, --tlscert and --tlskey`);
    }
    if (!cfg.tlsVerify && cfg.tls !== false) {
      throw new Error(`refusing to listen on ${h} without TLS: use --tlsverify with --tlscacert, --tlscert and --tlskey (mutual TLS), or pass --tls=false to accept an unauthenticated listener`);
    }
  }
  if (!Array.isArray(cfg.insecureRegistries) || cfg.insecureRegistries.some((r) => typeof r !== 'string' || r.includes('://'))) {
    throw new Error(`invalid insecure-registries ${JSON.stringify(cfg.insecureRegistries)}: give host[:port] or CIDR entries without a scheme`);
  }
  for (const [k, name] of [['maxConcurrentDownloads', 'max-concurrent-downloads'], ['maxConcurrentUploads', 'max-concurrent-uploads'], ['maxDownloadAttempts', 'max-download-attempts']] as const) {
    if (!Number.isInteger(cfg[k]) || cfg[k] < 1) throw new Error(`invalid ${name}: ${cfg[k]}`);
  }
  if (cfg.metricsAddr) parseHostPort(cfg.metricsAddr, 'metrics-addr');
  if (cfg.uiAddr) {
    const ui = parseHostPort(cfg.uiAddr, 'ui-addr');
    // The dashboard drives the whole API: off loopback only behind client certificates.
    if (!isLoopback(ui.host) && !cfg.tlsVerify) {
      throw new Error(`refusing to serve the dashboard on ${cfg.uiAddr}: off loopback it needs --tlsverify with --tlscacert, --tlscert and --tlskey (client certificates)`);
    }
  }
  if (typeof cfg.usernsRemap !== 'string') throw new Error(`invalid userns-remap ${JSON.stringify(cfg.usernsRemap)}: give "default", user[:group] or uid[:gid]`);
  if (!cfg.runtimes[cfg.defaultRuntime]) throw new Error(`default runtime ${cfg.defaultRuntime} not found in runtimes`);
  if (!LOG_DRIVERS.includes(cfg.logDriver)) throw new Error(`logger: no log driver named '${cfg.logDriver}' is registered`);
  try {
    validateLogConfig(cfg.logDriver, cfg.logOpts);
  } catch (err) {
    throw new Error(`failed to set log opts: ${(err as Error).message}`);
  }
}

/** host:port (IPv6 in brackets) as the metrics and dashboard addresses are given. */
export function parseHostPort(addr: string, what: string): { host: string; port: number } {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s]*):(\d{1,5})$/.exec(addr);
  if (!m || Number(m[2]) > 65535) throw new Error(`invalid ${what} ${JSON.stringify(addr)}: give host:port`);
  return { host: m[1].replace(/^\[|\]$/g, '') || '0.0.0.0', port: Number(m[2]) };
}
