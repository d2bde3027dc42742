// What a project needs before its containers: its networks and volumes
// (created with compose's labels unless external) and each service's image
// (there, pulled, or built from its build: section).
import type { Cli } from '../context';
import { isNotFound } from '../errors';
import { parseNormalizedNamed } from '../opts/reference';
import { buildService } from './build-service';
import { imageOf } from './convert';
import { COMPOSE_VERSION, L } from './labels';
import type { Project, Service } from './model/types';
import type { Step } from './resources';

export async function ensureNetworks(cli: Cli, p: Project, step: Step): Promise<void> {
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

export async function ensureVolumes(cli: Cli, p: Project, step: Step): Promise<void> {
  const have = (await cli.client().volumes.list()).Volumes ?? [];
  for (const [key, v] of Object.entries(p.volumes)) {
    if (have.some((x) => x.Name === v.name)) continue;
    if (v.external) throw new Error(`external volume "${v.name}" not found`);
    step('Volume', v.name, 'Creating');
    await cli.client().volumes.create({ Name: v.name, Driver: v.driver ?? 'local', DriverOpts: v.driver_opts ?? {}, Labels: { ...v.labels, [L.project]: p.name, [L.volume]: key, [L.version]: COMPOSE_VERSION } });
    step('Volume', v.name, 'Created');
  }
}

/** The service's image: kept when there, else built (build:) or pulled. `build` forces the build (up --build). */
export async function ensureImage(cli: Cli, p: Project, s: Service, build = false): Promise<void> {
  if (build && s.build) {
    await buildService(cli, p, s, {});
    return;
  }
  const image = imageOf(p, s);
  try {
    await cli.client().images.inspect(image);
    return;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  if (s.build) {
    await buildService(cli, p, s, {});
    return;
  }
  const { pullImage } = require('../commands/pull') as typeof import('../commands/pull');
  await pullImage(cli, parseNormalizedNamed(image), { out: 'stderr' });
}
