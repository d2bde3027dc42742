// What a project has on the daemon, found by docker compose's labels: its
// containers (per service, by number), networks and volumes; and the
// progress lines compose prints on stderr while it works (" Container
// demo-web-1  Started", the plain form for a terminal-less run).
import type { Cli } from '../context';
import type { ContainerSummary } from '../../api/types';
import { L, projectFilter } from './labels';

export type Step = (kind: 'Network' | 'Volume' | 'Container' | 'Image', name: string, state: string) => void;

export function stepPrinter(cli: Cli): Step {
  return (kind, name, state) => cli.printErr(` ${kind} ${name}  ${state}`);
}

/** The project's containers (of one service), `compose run`'s one-offs only when asked for (ps shows them, converging ignores them). */
export async function projectContainers(cli: Cli, project: string, service?: string, oneoff = false): Promise<ContainerSummary[]> {
  const more = service ? [`${L.service}=${service}`] : [];
  const list = await cli.client().containers.list({ all: true, filters: projectFilter(project, more) });
  return oneoff ? list : list.filter((c) => c.Labels?.[L.oneoff] !== 'True');
}

export const nameOf = (c: ContainerSummary) => (c.Names?.[0] ?? '').replace(/^\//, '');
export const numberOf = (c: ContainerSummary) => Number(c.Labels?.[L.number] ?? 0);

/** compose's warning for containers of services the file no longer has. */
export function warnOrphans(cli: Cli, orphans: ContainerSummary[]): void {
  if (!orphans.length) return;
  cli.printErr(`WARN[0000] Found orphan containers ([${orphans.map(nameOf).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`);
}
