// From the merged, interpolated file to the resolved model: every short form
// in its long form, relative paths made absolute from the project directory,
// env_file read, and the references between services, networks and volumes
// checked (docker compose's "invalid compose project" errors).
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseDotenv } from './dotenv';
import { listToMap } from './merge';
import { shellWords } from './shell-words';
import { ComposeError, type DependsOn, type NetworkDef, type PortConfig, type Project, type Service, type ServiceVolume, type VolumeDef } from './types';
import { parseBytes } from './units';

type Dict = Record<string, unknown>;

/** A boolean as written, or as interpolation left it ("true", "no"). */
const bool = (v: unknown): boolean => v === true || (typeof v === 'string' && /^(true|yes|on)$/i.test(v));

const strList = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function strMap(v: unknown, sep = '='): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(listToMap(v, sep))) out[k] = x === null || x === undefined ? '' : String(x);
  return out;
}

function command(v: unknown): string[] | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  return Array.isArray(v) ? v.map(String) : shellWords(String(v));
}

/** Short port syntax: [[host_ip:]published:]target[/protocol], ranges expanded pairwise. */
export function parsePorts(v: unknown, where: string): PortConfig[] {
  const out: PortConfig[] = [];
  for (const p of (v as unknown[]) ?? []) {
    if (p && typeof p === 'object') {
      const d = p as Dict;
      if (d.target === undefined) throw new ComposeError(`${where}: a port in long syntax needs a target`);
      out.push({
        target: Number(d.target),
        ...(d.published !== undefined ? { published: String(d.published) } : {}),
        ...(d.host_ip ? { host_ip: String(d.host_ip) } : {}),
        protocol: String(d.protocol ?? 'tcp'),
        mode: String(d.mode ?? 'ingress'),
      });
      continue;
    }
    const s = String(p);
    const [spec, proto = 'tcp'] = s.split('/');
    let hostIp: string | undefined;
    let rest = spec;
    const v6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
    if (v6) [hostIp, rest] = [v6[1], v6[2]];
    const parts = rest.split(':');
    if (!v6 && parts.length === 3) hostIp = parts.shift();
    if (parts.length > 2 || parts.some((x) => x !== '' && !/^\d+(-\d+)?$/.test(x))) throw new ComposeError(`${where}: invalid port "${s}"`);
    const [pub, target] = parts.length === 2 ? parts : [undefined, parts[0]];
    const [t0, t1 = t0] = target.split('-').map(Number);
    const pubRange = pub ? pub.split('-').map(Number) : undefined;
    for (let t = t0; t <= t1; t++) {
      let published: string | undefined;
      if (pubRange) published = pubRange.length === 2 && t1 > t0 ? String(pubRange[0] + (t - t0)) : pubRange.length === 2 ? `${pubRange[0]}-${pubRange[1]}` : String(pubRange[0]);
      out.push({ target: t, ...(published ? { published } : {}), ...(hostIp ? { host_ip: hostIp } : {}), protocol: proto, mode: 'ingress' });
    }
  }
  return out;
}

function parseVolumes(v: unknown, dir: string, where: string, declared: Set<string>): ServiceVolume[] {
  const out: ServiceVolume[] = [];
  const local = (src: string) => src.startsWith('.') || src.startsWith('/') || src.startsWith('~');
  const abs = (src: string) => (src.startsWith('~') ? resolve(process.env.HOME ?? '/', src.slice(2)) : isAbsolute(src) ? src : resolve(dir, src));
  for (const x of (v as unknown[]) ?? []) {
    let vol: ServiceVolume;
    if (x && typeof x === 'object') {
      const d = x as Dict;
      const type = String(d.type ?? (d.source ? (local(String(d.source)) ? 'bind' : 'volume') : 'volume')) as ServiceVolume['type'];
      if (!['volume', 'bind', 'tmpfs'].includes(type)) throw new ComposeError(`${where}: volume type "${type}" is not supported`);
      if (!d.target) throw new ComposeError(`${where}: a volume in long syntax needs a target`);
      vol = { type, target: String(d.target), ...(d.source ? { source: type === 'bind' ? abs(String(d.source)) : String(d.source) } : {}), ...(bool(d.read_only) ? { read_only: true } : {}) };
    } else {
      const parts = String(x).split(':');
      if (parts.length === 1) vol = { type: 'volume', target: parts[0] };
      else {
        const [src, target, mode = ''] = parts;
        const ro = mode.split(',').includes('ro');
        vol = local(src) ? { type: 'bind', source: abs(src), target, bind: { create_host_path: true } } : { type: 'volume', source: src, target };
        if (ro) vol.read_only = true;
      }
    }
    if (vol.type === 'volume' && vol.source && !declared.has(vol.source)) {
      throw new ComposeError(`service "${where.split('.')[1]}" refers to undefined volume ${vol.source}: invalid compose project`);
    }
    out.push(vol);
  }
  return out;
}

function environment(svc: Dict, dir: string, lookup: (k: string) => string | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of strList(svc.env_file)) {
    const file = resolve(dir, f);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ComposeError(`env file ${file} not found: stat ${file}: no such file or directory`);
    }
    Object.assign(out, parseDotenv(text, file));
  }
  for (const [k, v] of Object.entries(listToMap(svc.environment))) {
    // A name without a value takes the variable of the shell running compose, or is left out.
    out[k] = v === null || v === undefined ? (lookup(k) ?? null) : String(v);
  }
  return out;
}

function dependsOn(v: unknown, name: string, services: Set<string>): Record<string, DependsOn> {
  const out: Record<string, DependsOn> = {};
  const entries: [string, unknown][] = Array.isArray(v) ? v.map((x) => [String(x), null]) : Object.entries((v as Dict) ?? {});
  for (const [dep, cfg] of entries) {
    const c = (cfg ?? {}) as Dict;
    const required = c.required !== false;
    if (!services.has(dep)) {
      if (!required) continue;
      throw new ComposeError(`service "${name}" depends on undefined service "${dep}": invalid compose project`);
    }
    const condition = String(c.condition ?? 'service_started');
    if (!['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition)) {
      throw new ComposeError(`services.${name}.depends_on.${dep}.condition: invalid condition "${condition}"`);
    }
    out[dep] = { condition: condition as DependsOn['condition'], required, ...(c.restart !== undefined ? { restart: !!c.restart } : {}) };
  }
  return out;
}

function ulimits(v: unknown): Service['ulimits'] {
  const out: Service['ulimits'] = {};
  for (const [k, x] of Object.entries((v as Dict) ?? {})) {
    out[k] = typeof x === 'object' && x ? { soft: Number((x as Dict).soft), hard: Number((x as Dict).hard) } : { soft: Number(x), hard: Number(x) };
  }
  return out;
}

export function normalizeService(name: string, svc: Dict, ctx: { dir: string; lookup: (k: string) => string | undefined; services: Set<string>; networks: Set<string>; volumes: Set<string> }): Service {
  const where = `services.${name}`;
  if (!svc.image && !svc.build) throw new ComposeError(`service "${name}" has neither an image nor a build context specified: invalid compose project`);
  const build = svc.build === undefined ? undefined : typeof svc.build === 'string' ? { context: svc.build } : (svc.build as Dict);
  let networks: Service['networks'];
  if (!svc.network_mode) {
    networks = {};
    const given = svc.networks === undefined ? { default: null } : Array.isArray(svc.networks) ? Object.fromEntries(svc.networks.map((n) => [String(n), null])) : (svc.networks as Dict);
    for (const [n, cfg] of Object.entries(given)) {
      if (n !== 'default' && !ctx.networks.has(n)) throw new ComposeError(`service "${name}" refers to undefined network ${n}: invalid compose project`);
      const c = cfg as Dict | null;
      networks[n] = c ? { ...(c.aliases ? { aliases: strList(c.aliases) } : {}), ...(c.ipv4_address ? { ipv4_address: String(c.ipv4_address) } : {}), ...(c.ipv6_address ? { ipv6_address: String(c.ipv6_address) } : {}) } : null;
    }
  } else if (svc.networks) throw new ComposeError(`service ${name} declares mutually exclusive \`network_mode\` and \`networks\`: invalid compose project`);
  const deploy = (svc.deploy ?? {}) as Dict;
  const limits = ((deploy.resources as Dict | undefined)?.limits ?? {}) as Dict;
  const hc = svc.healthcheck as Dict | undefined;
  const mem = svc.mem_limit ?? limits.memory;
  const cpus = svc.cpus ?? limits.cpus;
  const scale = deploy.replicas ?? svc.scale ?? 1;
  return {
    name,
    ...(svc.image ? { image: String(svc.image) } : {}),
    ...(build
      ? {
          build: {
            context: resolve(ctx.dir, String(build.context ?? '.')),
            ...(build.dockerfile ? { dockerfile: String(build.dockerfile) } : {}),
            ...(build.args ? { args: strMap(build.args) } : {}),
            ...(build.target ? { target: String(build.target) } : {}),
            ...(build.labels ? { labels: strMap(build.labels) } : {}),
          },
        }
      : {}),
    ...(svc.command !== undefined ? { command: command(svc.command) } : {}),
    ...(svc.entrypoint !== undefined ? { entrypoint: command(svc.entrypoint) } : {}),
    environment: environment(svc, ctx.dir, ctx.lookup),
    ports: parsePorts(svc.ports, where),
    expose: strList(svc.expose),
    volumes: parseVolumes(svc.volumes, ctx.dir, where, ctx.volumes),
    tmpfs: strList(svc.tmpfs),
    ...(networks ? { networks } : {}),
    ...(svc.network_mode ? { network_mode: String(svc.network_mode) } : {}),
    links: strList(svc.links),
    external_links: strList(svc.external_links),
    depends_on: dependsOn(svc.depends_on, name, ctx.services),
    ...(hc
      ? {
          healthcheck: {
            ...(hc.test !== undefined ? { test: typeof hc.test === 'string' ? ['CMD-SHELL', hc.test] : strList(hc.test) } : {}),
            ...(hc.interval ? { interval: String(hc.interval) } : {}),
            ...(hc.timeout ? { timeout: String(hc.timeout) } : {}),
            ...(hc.retries !== undefined ? { retries: Number(hc.retries) } : {}),
            ...(hc.start_period ? { start_period: String(hc.start_period) } : {}),
            ...(bool(hc.disable) ? { disable: true } : {}),
          },
        }
      : {}),
    ...(svc.restart ? { restart: String(svc.restart) } : {}),
    ...(svc.user !== undefined ? { user: String(svc.user) } : {}),
    ...(svc.working_dir ? { working_dir: String(svc.working_dir) } : {}),
    ...(svc.hostname ? { hostname: String(svc.hostname) } : {}),
    ...(svc.domainname ? { domainname: String(svc.domainname) } : {}),
    labels: strMap(svc.labels),
    ...(svc.init !== undefined ? { init: bool(svc.init) } : {}),
    ...(svc.read_only !== undefined ? { read_only: bool(svc.read_only) } : {}),
    cap_add: strList(svc.cap_add),
    cap_drop: strList(svc.cap_drop),
    ...(svc.privileged !== undefined ? { privileged: bool(svc.privileged) } : {}),
    security_opt: strList(svc.security_opt),
    devices: strList(svc.devices),
    dns: strList(svc.dns),
    dns_search: strList(svc.dns_search),
    extra_hosts: Array.isArray(svc.extra_hosts) ? strList(svc.extra_hosts) : Object.entries(strMap(svc.extra_hosts)).map(([h, ip]) => `${h}:${ip}`),
    ulimits: ulimits(svc.ulimits),
    sysctls: strMap(svc.sysctls),
    ...(svc.stop_signal ? { stop_signal: String(svc.stop_signal) } : {}),
    ...(svc.stop_grace_period ? { stop_grace_period: String(svc.stop_grace_period) } : {}),
    ...(svc.tty !== undefined ? { tty: bool(svc.tty) } : {}),
    ...(svc.stdin_open !== undefined ? { stdin_open: bool(svc.stdin_open) } : {}),
    ...(svc.logging ? { logging: { ...((svc.logging as Dict).driver ? { driver: String((svc.logging as Dict).driver) } : {}), ...((svc.logging as Dict).options ? { options: strMap((svc.logging as Dict).options) } : {}) } } : {}),
    ...(mem !== undefined ? { mem_limit: parseBytes(mem as string, `${where}.mem_limit`) } : {}),
    ...(cpus !== undefined ? { cpus: Number(cpus) } : {}),
    scale: Number(scale),
    profiles: strList(svc.profiles),
    ...(svc.container_name ? { container_name: String(svc.container_name) } : {}),
    ...(svc.pull_policy ? { pull_policy: String(svc.pull_policy) } : {}),
    ...(svc.shm_size !== undefined ? { shm_size: parseBytes(svc.shm_size as string, `${where}.shm_size`) } : {}),
    ...(svc.pid ? { pid: String(svc.pid) } : {}),
    ...(svc.ipc ? { ipc: String(svc.ipc) } : {}),
    volumes_from: strList(svc.volumes_from),
  };
}

function external(d: Dict): { external?: boolean; name?: string } {
  const e = d.external;
  if (e === undefined || e === false || e === 'false') return {};
  if (e && typeof e === 'object') return { external: true, ...((e as Dict).name ? { name: String((e as Dict).name) } : {}) };
  return { external: true };
}

export function normalizeNetwork(key: string, d: Dict | null, project: string): NetworkDef {
  const x = d ?? {};
  const ext = external(x);
  const ipam = x.ipam as Dict | undefined;
  return {
    name: String(x.name ?? ext.name ?? (ext.external ? key : `${project}_${key}`)),
    ...(x.driver ? { driver: String(x.driver) } : {}),
    ...(x.driver_opts ? { driver_opts: strMap(x.driver_opts) } : {}),
    ...(ipam
      ? {
          ipam: {
            ...(ipam.driver ? { driver: String(ipam.driver) } : {}),
            config: ((ipam.config as Dict[]) ?? []).map((c) => ({ ...(c.subnet ? { subnet: String(c.subnet) } : {}), ...(c.gateway ? { gateway: String(c.gateway) } : {}), ...(c.ip_range ? { ip_range: String(c.ip_range) } : {}) })),
          },
        }
      : {}),
    ...(x.internal !== undefined ? { internal: bool(x.internal) } : {}),
    ...(x.attachable !== undefined ? { attachable: bool(x.attachable) } : {}),
    ...(x.enable_ipv6 !== undefined ? { enable_ipv6: bool(x.enable_ipv6) } : {}),
    ...(ext.external ? { external: true } : {}),
    labels: strMap(x.labels),
  };
}

export function normalizeVolume(key: string, d: Dict | null, project: string): VolumeDef {
  const x = d ?? {};
  const ext = external(x);
  return {
    name: String(x.name ?? ext.name ?? (ext.external ? key : `${project}_${key}`)),
    ...(x.driver ? { driver: String(x.driver) } : {}),
    ...(x.driver_opts ? { driver_opts: strMap(x.driver_opts) } : {}),
    ...(ext.external ? { external: true } : {}),
    labels: strMap(x.labels),
  };
}

/** Services in start order (dependencies first); a cycle is compose's error. */
export function startOrder(p: Pick<Project, 'services'>): string[] {
  const out: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new ComposeError(`dependency cycle detected: ${[...path.slice(path.indexOf(name)), name].join(' -> ')}`);
    state.set(name, 'visiting');
    const s = p.services[name];
    // links order services as depends_on does
    const deps = [...Object.keys(s?.depends_on ?? {}), ...(s?.links ?? []).map((l) => l.split(':')[0])];
    for (const dep of deps) if (p.services[dep]) visit(dep, [...path, name]);
    state.set(name, 'done');
    out.push(name);
  };
  for (const name of Object.keys(p.services).sort()) visit(name, []);
  return out;
}
