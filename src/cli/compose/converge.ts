// A service's containers brought to what the model says: created, or
// recreated when the service's config hash or its image changed, started (after what its
// depends_on waits for) unless only creating; containers beyond the scale
// removed.
import type { Cli } from '../context';
import { configHash, containerName, createRequest, imageOf } from './convert';
import { L } from './labels';
import { unlessNotModified } from './lifecycle';
import type { Project, Service } from './model/types';
import { nameOf, numberOf, projectContainers, type Step } from './resources';

export interface ConvergeOptions {
  forceRecreate: boolean;
  noRecreate: boolean;
  timeout?: number;
  /** false: `compose create`, containers are made but not started */
  start?: boolean;
}

/** A container converge left in place; `fresh` when it was created now (its whole log is this run's). */
export interface Converged {
  id: string;
  name: string;
  service: string;
  fresh: boolean;
}

/** Waits for what the service's depends_on asks of each dependency's containers. */
export async function waitFor(cli: Cli, p: Project, s: Service): Promise<void> {
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

export async function converge(cli: Cli, p: Project, s: Service, step: Step, o: ConvergeOptions): Promise<Converged[]> {
  const out: Converged[] = [];
  const existing = await projectContainers(cli, p.name, s.name);
  const hash = configHash(s);
  // a rebuilt or re-pulled image makes the containers stale too, as in compose (the file may not have changed)
  const imageId = (await cli.client().images.inspect(imageOf(p, s))).Id;
  const resolve = (svc: string) => (p.services[svc] ? containerName(p, p.services[svc], 1) : undefined);
  if (o.start !== false) await waitFor(cli, p, s);
  for (let n = 1; n <= s.scale; n++) {
    const name = containerName(p, s, n);
    let ctr = existing.find((c) => numberOf(c) === n);
    const stale = ctr && !o.noRecreate && (o.forceRecreate || ctr.Labels?.[L.hash] !== hash || (!!ctr.ImageID && ctr.ImageID !== imageId));
    if (ctr && stale) {
      step('Container', name, 'Recreate');
      await unlessNotModified(cli.client().containers.stop(ctr.Id, { timeout: o.timeout }));
      await cli.client().containers.remove(ctr.Id, { force: true });
      ctr = undefined;
    }
    let id = ctr?.Id;
    out.push({ id: id ?? '', name, service: s.name, fresh: !id });
    if (!id) {
      if (!stale) step('Container', name, 'Creating');
      id = (await cli.client().containers.create(createRequest(p, s, n, resolve), { name })).Id;
      out[out.length - 1].id = id;
      step('Container', name, stale ? 'Recreated' : 'Created');
    } else if (ctr!.State === 'running') {
      if (o.start !== false) step('Container', name, 'Running');
      continue;
    }
    if (o.start === false) continue;
    step('Container', name, 'Starting');
    await cli.client().containers.start(id);
    step('Container', name, 'Started');
  }
  for (const extra of existing.filter((c) => numberOf(c) > s.scale)) {
    step('Container', nameOf(extra), 'Stopping');
    await unlessNotModified(cli.client().containers.stop(extra.Id, { timeout: o.timeout }));
    step('Container', nameOf(extra), 'Stopped');
    step('Container', nameOf(extra), 'Removing');
    await cli.client().containers.remove(extra.Id, { force: true });
    step('Container', nameOf(extra), 'Removed');
  }
  return out;
}
