// A service of the resolved model as the Engine API's container create
// request: docker compose's names, labels and endpoint aliases, so its
// containers look the same whichever tool made them.
import { createHash } from 'node:crypto';
import type { ContainerCreateRequest, HostConfig, Mount } from '../../api/types';
import { parseGoDuration } from '../opts/goparse';
import { parseRestartPolicy } from '../opts/resources';
import { COMPOSE_VERSION, L } from './labels';
import type { Project, Service } from './model/types';
import { parseDurationSeconds } from './model/units';

export function containerName(p: Project, s: Service, n: number): string {
  return s.container_name ?? `${p.name}-${s.name}-${n}`;
}

/** What decides whether a container is recreated: the service's resolved config, its scale aside (scaling keeps the running ones). */
export function configHash(s: Service): string {
  const { scale: _scale, ...rest } = s;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

export function imageOf(p: Project, s: Service): string {
  return s.image ?? `${p.name}-${s.name}`;
}

/** Go durations as the API wants them, in nanoseconds (parseGoDuration gives milliseconds). */
const nanos = (d: string | undefined) => (d ? Math.round(parseGoDuration(d) * 1e6) : undefined);

export function createRequest(p: Project, s: Service, n: number, resolveService: (name: string) => string | undefined): ContainerCreateRequest {
  const name = containerName(p, s, n);
  const hc: HostConfig = {};
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of s.ports) {
    const key = `${port.target}/${port.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: port.host_ip ?? '', HostPort: port.published ?? '' });
  }
  for (const e of s.expose) exposed[e.includes('/') ? e : `${e}/tcp`] = {};
  if (Object.keys(bindings).length) hc.PortBindings = bindings;
  const mounts: Mount[] = s.volumes.map((v) => ({
    Type: v.type,
    Target: v.target,
    ...(v.source ? { Source: v.type === 'volume' ? p.volumes[v.source]?.name ?? v.source : v.source } : {}),
    ...(v.read_only ? { ReadOnly: true } : {}),
  }));
  if (mounts.length) hc.Mounts = mounts;
  if (s.tmpfs.length) hc.Tmpfs = Object.fromEntries(s.tmpfs.map((t) => [t.split(':')[0], t.split(':').slice(1).join(':')]));
  if (s.restart) hc.RestartPolicy = parseRestartPolicy(s.restart);
  if (s.cap_add.length) hc.CapAdd = s.cap_add;
  if (s.cap_drop.length) hc.CapDrop = s.cap_drop;
  if (s.privileged) hc.Privileged = true;
  if (s.read_only) hc.ReadonlyRootfs = true;
  if (s.init !== undefined) hc.Init = s.init;
  if (s.security_opt.length) hc.SecurityOpt = s.security_opt;
  if (s.dns.length) hc.Dns = s.dns;
  if (s.dns_search.length) hc.DnsSearch = s.dns_search;
  if (s.extra_hosts.length) hc.ExtraHosts = s.extra_hosts;
  if (Object.keys(s.sysctls).length) hc.Sysctls = s.sysctls;
  if (Object.keys(s.ulimits).length) hc.Ulimits = Object.entries(s.ulimits).map(([Name, u]) => ({ Name, Soft: u.soft, Hard: u.hard }));
  if (s.devices.length) {
    hc.Devices = s.devices.map((d) => {
      const [on, inside = on, perms = 'rwm'] = d.split(':');
      return { PathOnHost: on, PathInContainer: inside, CgroupPermissions: perms };
    });
  }
  if (s.mem_limit) hc.Memory = s.mem_limit;
  if (s.cpus) hc.NanoCpus = Math.round(s.cpus * 1e9);
  if (s.shm_size) hc.ShmSize = s.shm_size;
  if (s.pid) hc.PidMode = s.pid;
  if (s.ipc) hc.IpcMode = s.ipc;
  if (s.logging) hc.LogConfig = { Type: s.logging.driver ?? '', Config: s.logging.options ?? {} };
  if (s.links.length) {
    hc.Links = s.links.map((l) => {
      const [svc, alias = svc] = l.split(':');
      return `${resolveService(svc) ?? svc}:${alias}`;
    });
  }
  if (s.volumes_from.length) hc.VolumesFrom = s.volumes_from.map((v) => (v.startsWith('container:') ? v.slice(10) : resolveService(v.split(':')[0]) ?? v));
  let networking: ContainerCreateRequest['NetworkingConfig'];
  if (s.network_mode) {
    const m = s.network_mode;
    hc.NetworkMode = m.startsWith('service:') ? `container:${resolveService(m.slice(8)) ?? m.slice(8)}` : m;
  } else {
    const nets = Object.entries(s.networks ?? {});
    hc.NetworkMode = p.networks[nets[0][0]].name;
    networking = {
      EndpointsConfig: Object.fromEntries(
        nets.map(([key, cfg]) => [
          p.networks[key].name,
          {
            // docker compose's aliases: the container's name and the service's, then the file's own
            Aliases: [name, s.name, ...(cfg?.aliases ?? [])],
            ...(cfg?.ipv4_address || cfg?.ipv6_address ? { IPAMConfig: { IPv4Address: cfg.ipv4_address, IPv6Address: cfg.ipv6_address } } : {}),
          },
        ]),
      ),
    };
  }
  const env = Object.entries(s.environment).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`);
  const h = s.healthcheck;
  return {
    Image: imageOf(p, s),
    ...(s.command !== undefined ? { Cmd: s.command ?? [] } : {}),
    ...(s.entrypoint !== undefined ? { Entrypoint: s.entrypoint ?? [] } : {}),
    ...(env.length ? { Env: env } : {}),
    ...(Object.keys(exposed).length ? { ExposedPorts: exposed } : {}),
    ...(s.hostname ? { Hostname: s.hostname } : {}),
    ...(s.domainname ? { Domainname: s.domainname } : {}),
    ...(s.user ? { User: s.user } : {}),
    ...(s.working_dir ? { WorkingDir: s.working_dir } : {}),
    ...(s.tty ? { Tty: true } : {}),
    ...(s.stdin_open ? { OpenStdin: true } : {}),
    ...(s.stop_signal ? { StopSignal: s.stop_signal } : {}),
    ...(s.stop_grace_period ? { StopTimeout: Math.round(parseDurationSeconds(s.stop_grace_period, `services.${s.name}.stop_grace_period`)) } : {}),
    ...(h
      ? {
          Healthcheck: h.disable
            ? { Test: ['NONE'] }
            : { ...(h.test ? { Test: h.test } : {}), Interval: nanos(h.interval), Timeout: nanos(h.timeout), Retries: h.retries, StartPeriod: nanos(h.start_period) },
        }
      : {}),
    Labels: {
      ...s.labels,
      [L.project]: p.name,
      [L.service]: s.name,
      [L.number]: String(n),
      [L.oneoff]: 'False',
      [L.hash]: configHash(s),
      [L.workingDir]: p.workingDir,
      [L.configFiles]: p.configFiles.join(','),
      [L.version]: COMPOSE_VERSION,
      [L.image]: imageOf(p, s),
      [L.dependsOn]: Object.entries(s.depends_on).map(([d, c]) => `${d}:${c.condition}:${c.restart ?? false}`).join(','),
    },
    HostConfig: hc,
    ...(networking ? { NetworkingConfig: networking } : {}),
  };
}
