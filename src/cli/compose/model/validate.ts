// What a compose file may hold: the Compose Specification's keys for the top
// level, services, networks and volumes (x- extensions anywhere), with the
// value kinds checked. An unknown key is an error naming the file and the
// key's path, never dropped; so is a key berth knows but cannot honour.
import { ComposeError } from './types';

type Kind = 'string' | 'number' | 'boolean' | 'list' | 'map' | 'list|map' | 'string|list' | 'string|map' | 'string|number' | 'any';

const TOP: Record<string, Kind> = { version: 'any', name: 'string', services: 'map', networks: 'map', volumes: 'map', secrets: 'map', configs: 'map' };

const SERVICE: Record<string, Kind> = {
  image: 'string', build: 'string|map', command: 'string|list', entrypoint: 'string|list', environment: 'list|map', env_file: 'string|list',
  ports: 'list', expose: 'list', volumes: 'list', tmpfs: 'string|list', networks: 'list|map', network_mode: 'string', links: 'list',
  external_links: 'list', depends_on: 'list|map', healthcheck: 'map', restart: 'string', user: 'string|number', working_dir: 'string',
  hostname: 'string', domainname: 'string', labels: 'list|map', init: 'boolean', read_only: 'boolean', cap_add: 'list', cap_drop: 'list',
  privileged: 'boolean', security_opt: 'list', devices: 'list', dns: 'string|list', dns_search: 'string|list', extra_hosts: 'list|map',
  ulimits: 'map', sysctls: 'list|map', stop_signal: 'string', stop_grace_period: 'string', tty: 'boolean', stdin_open: 'boolean',
  logging: 'map', mem_limit: 'string|number', cpus: 'string|number', deploy: 'map', scale: 'number', profiles: 'list', extends: 'string|map',
  container_name: 'string', pull_policy: 'string', shm_size: 'string|number', pid: 'string', ipc: 'string', volumes_from: 'list',
  platform: 'string',
};
// Keys of the spec that berth's compose does not carry out yet: refused by name rather than ignored.
const UNSUPPORTED_SERVICE = ['secrets', 'configs', 'develop', 'blkio_config', 'cgroup_parent', 'cpu_count', 'cpu_percent', 'cpu_shares', 'cpu_period', 'cpu_quota', 'cpu_rt_runtime', 'cpu_rt_period', 'cpuset', 'credential_spec', 'device_cgroup_rules', 'group_add', 'isolation', 'mac_address', 'mem_reservation', 'mem_swappiness', 'memswap_limit', 'oom_kill_disable', 'oom_score_adj', 'pids_limit', 'runtime', 'storage_opt', 'userns_mode', 'uts', 'annotations', 'attach', 'post_start', 'pre_stop', 'models', 'gpus', 'provider', 'use_api_socket', 'label_file', 'cgroup'];

const NETWORK: Record<string, Kind> = { name: 'string', driver: 'string', driver_opts: 'map', ipam: 'map', internal: 'boolean', attachable: 'boolean', enable_ipv6: 'boolean', external: 'any', labels: 'list|map' };
const VOLUME: Record<string, Kind> = { name: 'string', driver: 'string', driver_opts: 'map', external: 'any', labels: 'list|map' };

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function fits(v: unknown, kind: Kind): boolean {
  if (kind === 'any' || v === null) return true;
  const k = kindOf(v);
  // Interpolated values are strings: "3" is a number and "true" a boolean, as compose casts them.
  const castable = (want: string) => typeof v === 'string' && ((want === 'number' && /^-?\d+(\.\d+)?$/.test(v)) || (want === 'boolean' && /^(true|false|yes|no|on|off)$/i.test(v)));
  return kind.split('|').some((want) => (want === 'list' ? k === 'array' : want === 'map' ? k === 'object' : k === want || castable(want)));
}

function describe(kind: Kind): string {
  return kind.split('|').map((k) => (k === 'list' ? 'array' : k === 'map' ? 'object' : k)).join(' or ');
}

function checkMap(file: string, where: string, node: Record<string, unknown>, keys: Record<string, Kind>, unsupported: string[] = []): void {
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-')) continue;
    const path = where ? `${where}.${k}` : k;
    if (unsupported.includes(k)) throw new ComposeError(`${file}: ${path}: berth compose does not support "${k}" yet`);
    const kind = keys[k];
    if (!kind) throw new ComposeError(`validating ${file}: ${where || '(root)'} additional properties '${k}' not allowed`);
    if (!fits(v, kind)) throw new ComposeError(`validating ${file}: ${path} must be a ${describe(kind)}`);
  }
}

/** One parsed file, before interpolation's values matter for types (checked again after). */
export function validateFile(file: string, doc: unknown): void {
  if (doc === null || doc === undefined) throw new ComposeError(`${file}: empty compose file`);
  if (kindOf(doc) !== 'object') throw new ComposeError(`validating ${file}: (root) must be a object`);
  const top = doc as Record<string, unknown>;
  checkMap(file, '', top, TOP);
  for (const [name, svc] of Object.entries((top.services as Record<string, unknown>) ?? {})) {
    if (svc === null) continue;
    if (kindOf(svc) !== 'object') throw new ComposeError(`validating ${file}: services.${name} must be a object`);
    checkMap(file, `services.${name}`, svc as Record<string, unknown>, SERVICE, UNSUPPORTED_SERVICE);
    const deploy = (svc as Record<string, unknown>).deploy as Record<string, unknown> | undefined;
    if (deploy) checkMap(file, `services.${name}.deploy`, deploy, { replicas: 'number', resources: 'map', restart_policy: 'map', mode: 'string', labels: 'list|map' });
  }
  for (const [section, keys] of [['networks', NETWORK], ['volumes', VOLUME]] as const) {
    for (const [name, def] of Object.entries((top[section] as Record<string, unknown>) ?? {})) {
      if (def === null) continue;
      if (kindOf(def) !== 'object') throw new ComposeError(`validating ${file}: ${section}.${name} must be a object`);
      checkMap(file, `${section}.${name}`, def as Record<string, unknown>, keys);
    }
  }
  for (const section of ['secrets', 'configs'] as const) {
    if (top[section] && Object.keys(top[section] as object).length) throw new ComposeError(`${file}: ${section}: berth compose does not support top-level ${section} yet`);
  }
}
