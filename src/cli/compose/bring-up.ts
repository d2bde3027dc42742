// What `up` and `create` share: the services asked for (with their
// dependencies unless --no-deps), the project's networks, volumes and
// images, each service's containers converged in start order, and the
// orphans warned about or removed.
import type { Cli } from '../context';
import { converge, type ConvergeOptions, type Converged } from './converge';
import { L, projectFilter } from './labels';
import type { Project } from './model/types';
import { ensureImage, ensureNetworks, ensureVolumes } from './prepare';
import { nameOf, warnOrphans, type Step } from './resources';
import { servicesOf } from './select';

export interface BringUpOptions extends ConvergeOptions {
  noDeps?: boolean;
  removeOrphans?: boolean;
  /** build images of services with build: even when they exist (--build) */
  build?: boolean;
}

/** The services `args` asks for in start order, their dependencies added unless noDeps. */
export function wantedServices(p: Project, args: string[], noDeps: boolean): string[] {
  const all = servicesOf(p, []);
  if (!args.length) return all;
  servicesOf(p, args);
  const want = new Set<string>();
  const add = (n: string): void => {
    if (want.has(n)) return;
    want.add(n);
    if (!noDeps) for (const d of Object.keys(p.services[n].depends_on)) add(d);
  };
  args.forEach(add);
  return all.filter((n) => want.has(n));
}

export async function bringUp(cli: Cli, p: Project, order: string[], step: Step, o: BringUpOptions): Promise<Converged[]> {
  await ensureNetworks(cli, p, step);
  await ensureVolumes(cli, p, step);
  for (const n of order) await ensureImage(cli, p, p.services[n], !!o.build);
  const out: Converged[] = [];
  for (const n of order) out.push(...(await converge(cli, p, p.services[n], step, o)));
  const orphans = (await cli.client().containers.list({ all: true, filters: projectFilter(p.name) })).filter((c) => !p.services[c.Labels?.[L.service] ?? '']);
  if (!o.removeOrphans) warnOrphans(cli, orphans);
  for (const c of o.removeOrphans ? orphans : []) {
    step('Container', nameOf(c), 'Removing');
    await cli.client().containers.remove(c.Id, { force: true });
    step('Container', nameOf(c), 'Removed');
  }
  return out;
}
