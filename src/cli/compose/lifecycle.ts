// One action on many containers with compose's progress lines around each
// (" Container demo-web-1  Stopping" … "  Stopped"): what stop, start,
// restart, kill, pause, unpause and rm do, and what `up` does when it
// stops the project on Ctrl-C or --abort-on-container-exit.
import type { BerthCommand } from '../command';
import type { Cli } from '../context';
import type { ContainerSummary } from '../../api/types';
import { projectOf } from './project-options';
import { nameOf, stepPrinter, type Step } from './resources';
import { selectContainers, servicesOf } from './select';

export interface Action {
  /** "Stopping" */
  doing: string;
  /** "Stopped" */
  done: string;
  run: (cli: Cli, c: ContainerSummary) => Promise<void>;
}

export async function eachContainer(cli: Cli, list: ContainerSummary[], step: Step, a: Action): Promise<void> {
  for (const c of list) {
    step('Container', nameOf(c), a.doing);
    await a.run(cli, c);
    step('Container', nameOf(c), a.done);
  }
}

/**
 * The daemon's 304 ("already stopped", "already started") is success for
 * compose, as for docker's Go client, which only fails on 4xx and 5xx.
 */
export async function unlessNotModified(p: Promise<void>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if ((err as { status?: number }).status !== 304) throw err;
  }
}

export const stopAction = (timeout?: number): Action => ({
  doing: 'Stopping',
  done: 'Stopped',
  run: (cli, c) => unlessNotModified(cli.client().containers.stop(c.Id, { timeout })),
});

export const killAction = (signal?: string): Action => ({
  doing: 'Killing',
  done: 'Killed',
  run: (cli, c) => cli.client().containers.kill(c.Id, signal),
});

export interface VerbSpec {
  /** which containers: running ones (default), stopped ones, or all */
  state?: 'running' | 'stopped' | 'all';
  /** act in reverse start order (what depends on others first), as stopping does */
  reverse?: boolean;
  action: (o: Record<string, unknown>) => Action;
}

/** The handler of a verb that does one action on the selected services' containers. */
export function lifecycleVerb(cmd: BerthCommand, spec: VerbSpec): void {
  cmd.usageArgs ||= '[OPTIONS] [SERVICE...]';
  cmd.handle(async (cli, args, o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const state = spec.state ?? 'running';
    let list = await selectContainers(cli, p, servicesOf(p, args), { all: state !== 'running' });
    if (state === 'stopped') list = list.filter((c) => c.State !== 'running' && c.State !== 'paused');
    if (spec.reverse) list.reverse();
    await eachContainer(cli, list, stepPrinter(cli), spec.action(o));
    return 0;
  });
}
