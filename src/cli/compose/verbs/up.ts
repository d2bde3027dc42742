// berth compose up -d: the project's networks and volumes, then each service
// in dependency order (waiting for service_healthy and
// service_completed_successfully), its containers created or, when the
// service's config changed, recreated, and started. Containers beyond the
// scale are removed.
import type { BerthCommand } from '../../command';
import type { Cli } from '../../context';
import { isNotFound } from '../../errors';
import { parseNormalizedNamed } from '../../opts/reference';
import { configHash, containerName, createRequest, imageOf } from '../convert';
import { COMPOSE_VERSION, L, projectFilter } from '../labels';
import { startOrder } from '../model/normalize';
import type { Project, Service } from '../model/types';
import { projectOf } from '../project-options';
import { nameOf, numberOf, projectContainers, stepPrinter, type Step } from '../resources';

async function ensureNetworks(cli: Cli, p: Project, step: Step): Promise<void> {
  const have = await cli.client().networks.list();
  for (const [key, n] of Object.entries(p.networks)) {
    if (have.some((x) => x.Name === n.name)) continue;
    if (n.external) throw new Error(`network ${n.name} declared as external, but could not be found`);
    step('Network', n.name, 'Creating');
    await cli.client().networks.create({
      Name: n.name,
      Driver: n.driver ?? 'bridge',
      Internal: n.internal,
      Attachable: n.attachable,
      EnableIPv6: n.enable_ipv6,
      Options: n.driver_opts,
      IPAM: n.ipam ? { Driver: n.ipam.driver ?? 'default', Config: (n.ipam.config ?? []).map((c) => ({ Subnet: c.subnet, Gateway: c.gateway, IPRange: c.ip_range })) } : undefined,
      Labels: { ...n.labels, [L.project]: p.name, [L.network]: key, [L.version]: COMPOSE_VERSION },
    });
    step('Network', n.name, 'Created');
  }
}

async function ensureVolumes(cli: Cli, p: Project, step: Step): Promise<void> {
  const have = (await cli.client().volumes.list()).Volumes ?? [];
  for (const [key, v] of Object.entries(p.volumes)) {
    if (have.some((x) => x.Name === v.name)) continue;
    if (v.external) throw new Error(`external volume "${v.name}" not found`);
    step('Volume', v.name, 'Creating');
    await cli.client().volumes.create({ Name: v.name, Driver: v.driver ?? 'local', DriverOpts: v.driver_opts ?? {}, Labels: { ...v.labels, [L.project]: p.name, [L.volume]: key, [L.version]: COMPOSE_VERSION } });
    step('Volume', v.name, 'Created');
  }
}

async function ensureImage(cli: Cli, p: Project, s: Service): Promise<void> {
  const image = imageOf(p, s);
  try {
    await cli.client().images.inspect(image);
    return;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  if (s.build) throw new Error(`service "${s.name}": building images (build:) is not supported by berth compose yet; build it with \`berth build -t ${image} ${s.build.context}\``);
  const { pullImage } = require('../../commands/pull') as typeof import('../../commands/pull');
  await pullImage(cli, parseNormalizedNamed(image), { out: 'stderr' });
}

/** Waits for what the service's depends_on asks of each dependency's containers. */
async function waitFor(cli: Cli, p: Project, s: Service): Promise<void> {
  for (const [dep, c] of Object.entries(s.depends_on)) {
    if (c.condition === 'service_started') continue;
    for (const ctr of await projectContainers(cli, p.name, dep)) {
      for (;;) {
        const st = (await cli.client().containers.inspect(ctr.Id)).State;
        if (c.condition === 'service_healthy') {
          if (!st?.Health) throw new Error(`dependency failed to start: container ${nameOf(ctr)} has no healthcheck configured`);
          if (st.Health.Status === 'healthy') break;
          if (st.Health.Status === 'unhealthy') throw new Error(`dependency failed to start: container ${nameOf(ctr)} is unhealthy`);
        } else if (!st?.Running && st?.Status !== 'created') {
          if (st?.ExitCode === 0) break;
          throw new Error(`service "${dep}" didn't complete successfully: exit ${st?.ExitCode}`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }
}

async function converge(cli: Cli, p: Project, s: Service, step: Step, o: { forceRecreate: boolean; noRecreate: boolean; timeout?: number }): Promise<void> {
  const existing = await projectContainers(cli, p.name, s.name);
  const hash = configHash(s);
  const resolve = (svc: string) => (p.services[svc] ? containerName(p, p.services[svc], 1) : undefined);
  await waitFor(cli, p, s);
  for (let n = 1; n <= s.scale; n++) {
    const name = containerName(p, s, n);
    let ctr = existing.find((c) => numberOf(c) === n);
    const stale = ctr && !o.noRecreate && (o.forceRecreate || ctr.Labels?.[L.hash] !== hash);
    if (ctr && stale) {
      step('Container', name, 'Recreate');
      await cli.client().containers.stop(ctr.Id, { timeout: o.timeout });
      await cli.client().containers.remove(ctr.Id, { force: true });
      ctr = undefined;
    }
    let id = ctr?.Id;
    if (!id) {
      if (!stale) step('Container', name, 'Creating');
      id = (await cli.client().containers.create(createRequest(p, s, n, resolve), { name })).Id;
      step('Container', name, stale ? 'Recreated' : 'Created');
    } else if (ctr!.State === 'running') {
      step('Container', name, 'Running');
      continue;
    }
    step('Container', name, 'Starting');
    await cli.client().containers.start(id);
    step('Container', name, 'Started');
  }
  for (const extra of existing.filter((c) => numberOf(c) > s.scale)) {
    step('Container', nameOf(extra), 'Stopping');
    await cli.client().containers.stop(extra.Id, { timeout: o.timeout });
    step('Container', nameOf(extra), 'Stopped');
    step('Container', nameOf(extra), 'Removing');
    await cli.client().containers.remove(extra.Id, { force: true });
    step('Container', nameOf(extra), 'Removed');
  }
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd
    .flag('-d, --detach', 'Detached mode: Run containers in the background')
    .flag('--force-recreate', "Recreate containers even if their configuration and image haven't changed")
    .flag('--no-recreate', "If containers already exist, don't recreate them")
    .flag('--no-deps', "Don't start linked services")
    .flag('--remove-orphans', 'Remove containers for services not defined in the Compose file')
    .list('--scale <scale>', 'Scale SERVICE to NUM instances. Overrides the scale setting in the Compose file if present')
    .value('-t, --timeout <int>', 'Use this timeout in seconds for container shutdown when attached or when containers are already running', Number);
  cmd.handle(async (cli, args, o) => {
    if (!o.detach) throw new Error('berth compose up: attached mode is not supported yet; use -d (then `berth compose logs -f` is next to come)');
    const p = projectOf(cmd, (m) => cli.printErr(m));
    for (const sc of (o.scale as string[] | undefined) ?? []) {
      const [svc, num] = sc.split('=');
      if (!p.services[svc]) throw new Error(`no such service: ${svc}`);
      if (!/^\d+$/.test(num ?? '')) throw new Error(`invalid --scale value: ${sc}`);
      p.services[svc].scale = Number(num);
    }
    for (const a of args) if (!p.services[a]) throw new Error(`no such service: ${a}`);
    const step = stepPrinter(cli);
    let order = startOrder(p);
    if (args.length) {
      const want = new Set<string>();
      const add = (n: string) => {
        if (want.has(n)) return;
        want.add(n);
        if (!o.noDeps) for (const d of Object.keys(p.services[n].depends_on)) add(d);
      };
      args.forEach(add);
      order = order.filter((n) => want.has(n));
    }
    await ensureNetworks(cli, p, step);
    await ensureVolumes(cli, p, step);
    for (const n of order) await ensureImage(cli, p, p.services[n]);
    for (const n of order) await converge(cli, p, p.services[n], step, { forceRecreate: !!o.forceRecreate, noRecreate: !!o.noRecreate, timeout: o.timeout as number | undefined });
    const orphans = (await cli.client().containers.list({ all: true, filters: projectFilter(p.name) })).filter((c) => !p.services[c.Labels?.[L.service] ?? '']);
    if (orphans.length && !o.removeOrphans) {
      cli.printErr(`WARN[0000] Found orphan containers ([${orphans.map(nameOf).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`);
    }
    for (const c of o.removeOrphans ? orphans : []) {
      step('Container', nameOf(c), 'Removing');
      await cli.client().containers.remove(c.Id, { force: true });
      step('Container', nameOf(c), 'Removed');
    }
    return 0;
  });
}
