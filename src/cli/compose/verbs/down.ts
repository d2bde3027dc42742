// berth compose down: the project's containers stopped and removed (in
// reverse start order), then its networks; -v also its named volumes (and
// anonymous ones with the containers), --remove-orphans containers of
// services no longer in the file, --rmi the services' images. External networks and volumes stay.
import type { BerthCommand } from '../../command';
import { L, projectFilter } from '../labels';
import { startOrder } from '../model/normalize';
import { projectOf } from '../project-options';
import type { Cli } from '../../context';
import { isNotFound } from '../../errors';
import { imageOf } from '../convert';
import type { Project } from '../model/types';
import { nameOf, stepPrinter, warnOrphans, type Step } from '../resources';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICES]';
  cmd
    .flag('-v, --volumes', 'Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers')
    .flag('--remove-orphans', 'Remove containers for services not defined in the Compose file')
    .value('-t, --timeout <int>', 'Specify a shutdown timeout in seconds', Number)
    .value('--rmi <string>', 'Remove images used by services. "local" remove only images that don\'t have a custom tag ("local"|"all")', (v) => {
      if (v !== 'local' && v !== 'all') throw new Error(`invalid --rmi option "${v}"`);
      return v;
    });
  cmd.handle(async (cli, _args, o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const step = stepPrinter(cli);
    const api = cli.client();
    const all = await api.containers.list({ all: true, filters: projectFilter(p.name) });
    const order = startOrder(p).reverse();
    const known = all.filter((c) => p.services[c.Labels?.[L.service] ?? '']);
    const orphans = all.filter((c) => !p.services[c.Labels?.[L.service] ?? '']);
    known.sort((a, b) => order.indexOf(a.Labels![L.service]) - order.indexOf(b.Labels![L.service]));
    for (const c of [...known, ...(o.removeOrphans ? orphans : [])]) {
      if (c.State === 'running') {
        step('Container', nameOf(c), 'Stopping');
        await api.containers.stop(c.Id, { timeout: o.timeout as number | undefined });
        step('Container', nameOf(c), 'Stopped');
      }
      step('Container', nameOf(c), 'Removing');
      await api.containers.remove(c.Id, { force: true, volumes: !!o.volumes });
      step('Container', nameOf(c), 'Removed');
    }
    if (!o.removeOrphans) warnOrphans(cli, orphans);
    const nets = await api.networks.list({ filters: projectFilter(p.name) });
    for (const n of Object.values(p.networks)) {
      if (n.external || !nets.some((x) => x.Name === n.name)) continue;
      step('Network', n.name, 'Removing');
      await api.networks.remove(n.name);
      step('Network', n.name, 'Removed');
    }
    if (o.volumes) {
      const vols = (await api.volumes.list(projectFilter(p.name))).Volumes ?? [];
      for (const v of Object.values(p.volumes)) {
        if (v.external || !vols.some((x) => x.Name === v.name)) continue;
        step('Volume', v.name, 'Removing');
        await api.volumes.remove(v.name);
        step('Volume', v.name, 'Removed');
      }
    }
    if (o.rmi) await removeImages(cli, p, o.rmi as 'local' | 'all', step);
    return 0;
  });
}

/** --rmi: every service's image (all), or only those compose named itself, built without an image: (local). */
async function removeImages(cli: Cli, p: Project, which: 'local' | 'all', step: Step): Promise<void> {
  const images = new Set(Object.values(p.services).filter((s) => which === 'all' || !s.image).map((s) => imageOf(p, s)));
  for (const image of images) {
    try {
      await cli.client().images.inspect(image);
    } catch (err) {
      if (isNotFound(err)) continue;
      throw err;
    }
    step('Image', image, 'Removing');
    await cli.client().images.remove(image, { force: false });
    step('Image', image, 'Removed');
  }
}
