// `compose up` without -d: after the containers are up, their interleaved
// logs until every container has stopped. The first Ctrl-C (SIGINT or
// SIGTERM) stops the project gracefully, a second kills it (exit 130, as a
// shell reports an interrupt); --abort-on-container-exit stops it when the
// first container exits and takes that container's exit code,
// --exit-code-from SVC the code of that service's container.
import type { Writable } from 'node:stream';
import type { Cli } from '../context';
import type { ContainerSummary } from '../../api/types';
import type { Converged } from './converge';
import { followLogs } from './follow-logs';
import { eachContainer, killAction, stopAction } from './lifecycle';
import { LogPrinter } from './log-printer';
import type { Project } from './model/types';
import type { Step } from './resources';
import { shortName } from './select';

export interface AttachedOptions {
  abortOnExit: boolean;
  exitCodeFrom?: string;
  timeout?: number;
  color: boolean;
  prefix: boolean;
  timestamps: boolean;
  /** when `up` began (seconds, the API's form): a container it did not create shows only its output since */
  since: string;
}

const INTERRUPTED = 130;

export async function runAttached(cli: Cli, p: Project, containers: Converged[], step: Step, o: AttachedOptions): Promise<number> {
  const printer = new LogPrinter(cli.out as Writable, cli.err as Writable, { color: o.color, prefix: o.prefix });
  const short = (c: Converged) => shortName(p, c.name);
  containers.forEach((c) => printer.register(short(c)));
  cli.print(`Attaching to ${containers.map(short).join(', ')}`);

  const abort = new AbortController();
  let exitCode: number | undefined;
  let stopping: Promise<void> | undefined;
  // newest first: what depends on others stops before them, as in `down`
  const summaries = (): ContainerSummary[] => [...containers].reverse().map((c) => ({ Id: c.id, Names: [`/${c.name}`] }) as ContainerSummary);
  const stopAll = (): Promise<void> => (stopping ??= eachContainer(cli, summaries(), step, stopAction(o.timeout)).catch((err) => cli.printErr(String((err as Error).message))));

  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts === 1 && !stopping) {
      exitCode ??= INTERRUPTED;
      cli.print('Gracefully stopping... (press Ctrl+C again to force)');
      void stopAll();
      return;
    }
    // a second interrupt, or one while already stopping: kill what is left
    const kill = killAction();
    void eachContainer(cli, summaries(), step, { ...kill, run: (c2, c) => kill.run(c2, c).catch(() => {}) });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await Promise.all(
      containers.map(async (c) => {
        const info = await cli.client().containers.inspect(c.id);
        await followLogs(cli, printer, short(c), c.id, !!info.Config?.Tty, {
          follow: true,
          timestamps: o.timestamps,
          // a container that was already running shows only what comes now, as an attach would
          ...(c.fresh ? {} : { since: o.since }),
          signal: abort.signal,
        });
        const st = (await cli.client().containers.inspect(c.id)).State;
        const code = st?.ExitCode ?? 0;
        printer.status(short(c), `exited with code ${code}`);
        if (o.exitCodeFrom && c.service === o.exitCodeFrom) exitCode ??= code;
        if (o.abortOnExit && !stopping) {
          if (!o.exitCodeFrom) exitCode ??= code;
          cli.print('Aborting on container exit...');
          await stopAll();
        }
      }),
    );
    await stopping;
  } finally {
    abort.abort();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return exitCode ?? 0;
}
