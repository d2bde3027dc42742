// Which containers a verb acts on: the services named on the command line
// (all of the project's when none), checked against the model with docker
// compose's "no such service" message, their containers found by label and
// put in start order (service by service, then by number).
import type { Cli } from '../context';
import type { ContainerSummary } from '../../api/types';
import { L, projectFilter } from './labels';
import { startOrder } from './model/normalize';
import type { Project } from './model/types';
import { nameOf, numberOf } from './resources';

/** The services `args` names, or every service; throws compose's error for an unknown one. */
export function servicesOf(p: Project, args: string[]): string[] {
  for (const a of args) if (!p.services[a]) throw new Error(`no such service: ${a}`);
  const order = startOrder(p);
  return args.length ? order.filter((s) => args.includes(s)) : order;
}

export interface SelectOptions {
  /** stopped containers too (default: running only) */
  all?: boolean;
  /** include `compose run` containers */
  oneoff?: boolean;
}

/** The project's containers of `services`, in start order. */
export async function selectContainers(cli: Cli, p: Project, services: string[], o: SelectOptions = {}): Promise<ContainerSummary[]> {
  const list = await cli.client().containers.list({ all: !!o.all, filters: projectFilter(p.name) });
  const rank = (c: ContainerSummary) => services.indexOf(c.Labels?.[L.service] ?? '');
  return list
    .filter((c) => rank(c) >= 0 && (o.oneoff || c.Labels?.[L.oneoff] !== 'True'))
    .sort((a, b) => rank(a) - rank(b) || numberOf(a) - numberOf(b));
}

/** The one container of a service that exec/port talk to: --index N (default 1), running. */
export async function serviceContainer(cli: Cli, p: Project, service: string, index = 1): Promise<ContainerSummary> {
  servicesOf(p, [service]);
  const list = await selectContainers(cli, p, [service]);
  const c = list.find((x) => numberOf(x) === index);
  if (!c) throw new Error(index > 1 || list.length ? `service "${service}" is not running container #${index}` : `service "${service}" is not running`);
  return c;
}

/** "web-1": the name compose's logs and messages use, the project's prefix dropped. */
export function shortName(p: Project, c: ContainerSummary | string): string {
  const name = typeof c === 'string' ? c : nameOf(c);
  return name.startsWith(`${p.name}-`) ? name.slice(p.name.length + 1) : name;
}
