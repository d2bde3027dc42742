// At startup: find out what happened to containers while berthd was away.
// Containers keep running under conmon; the ones that exited left their exit
// code in the exit directory; a conmon that died without one means the
// container is gone too. All checks run in parallel.
import { readFileSync } from 'node:fs';
import { conmonPidPath } from '../runtime/conmon';
import type { ContainerDeps } from './deps';
import { handleExit, releaseRuntime } from './exit';
import { bundleDir } from './paths';
import { startContainer } from './start';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed conmon reparented to an init that does not reap stays a zombie: dead all the same.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export async function restoreContainers(
  deps: ContainerDeps,
  pendingExits: { id: string; code: number }[],
  /** Runs once every container's state is known, before restart policies start any: networking cleans up after the dead. */
  afterRecovery?: (live: Set<string>) => Promise<void>,
): Promise<void> {
  const exited = new Map(pendingExits.map((e) => [e.id, e.code]));
  const recs = deps.table.all();
  await Promise.all(
    recs.map(async (rec) => {
      const code = exited.get(rec.id);
      if (code !== undefined) return handleExit(deps, rec.id, code);
      if (!rec.state.Running) return;
      let conmonPid = 0;
      try {
        conmonPid = parseInt(readFileSync(conmonPidPath(bundleDir(deps.settings, rec.id)), 'utf8'), 10);
      } catch {
        /* bundle gone: the host rebooted */
      }
      if (conmonPid && alive(conmonPid)) return;
      // Exit code unknown: conmon went away (or the host restarted).
      await releaseRuntime(deps, rec.id);
      deps.table.mutate(rec.id, (r) => {
        Object.assign(r.state, { Status: 'exited', Running: false, Paused: false, Pid: 0, ExitCode: 255, FinishedAt: new Date().toISOString() });
      });
    }),
  );
  if (afterRecovery) await afterRecovery(new Set(deps.table.all().filter((r) => r.state.Running).map((r) => r.id)));
  // Restart policies that outlive the daemon.
  for (const rec of deps.table.all()) {
    const p = rec.hostConfig.RestartPolicy.Name;
    if (rec.state.Running) continue;
    if (p === 'always' || (p === 'unless-stopped' && !rec.hasBeenManuallyStopped)) {
      if (!rec.hasBeenStartedBefore) continue;
      await startContainer(deps, rec.id).catch((err) => deps.log('warn', `restarting ${rec.id} at startup: ${err}`));
    }
  }
  for (const id of exited.keys()) if (!deps.table.get(id)) deps.exits.clear(id);
}
