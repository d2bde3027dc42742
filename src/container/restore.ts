// At startup: find out what happened to containers while berthd was away.
// Containers keep running under conmon; the ones that exited left their exit
// code in the exit directory; a conmon that died without one means the
// container is gone too; a start or stop that berthd did not live to finish
// is completed or undone. All checks run in parallel.
import { existsSync, readFileSync } from 'node:fs';
import { conmonPidPath, containerPidPath } from '../runtime/conmon';
import { forEachLimit } from '../util/parallel';
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

function readPid(file: string): number {
  try {
    return parseInt(readFileSync(file, 'utf8'), 10) || 0;
  } catch {
    return 0;
  }
}

/** Created by runc but never started: its init still waits as runc:[2:INIT] on the exec fifo. */
function neverStarted(bundle: string): boolean {
  const pid = readPid(containerPidPath(bundle));
  try {
    return pid > 0 && readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('runc:[');
  } catch {
    return false;
  }
}

const RESTORE_PARALLELISM = 16;

export async function restoreContainers(
  deps: ContainerDeps,
  pendingExits: { id: string; code: number }[],
  /** Runs once every container's state is known, before restart policies start any: networking cleans up after the dead. */
  afterRecovery?: (live: Set<string>) => Promise<void>,
): Promise<void> {
  const exited = new Map(pendingExits.map((e) => [e.id, e.code]));
  await forEachLimit(deps.table.all(), RESTORE_PARALLELISM, async (rec) => {
    const bundle = bundleDir(deps.settings, rec.id);
    const code = exited.get(rec.id);
    if (!rec.state.Running) {
      // A start that berthd died in the middle of: undo what it made
      // (rootfs mount, conmon and a created container, the bundle).
      if (existsSync(bundle)) await releaseRuntime(deps, rec.id);
      if (code !== undefined) deps.exits.clear(rec.id);
      return;
    }
    if (code !== undefined) return handleExit(deps, rec.id, code);
    const conmonPid = readPid(conmonPidPath(bundle));
    if (conmonPid && alive(conmonPid)) {
      // Recorded as running, but berthd died between `runc create` and `runc start`.
      if (neverStarted(bundle)) await deps.runc.start(rec.id).catch((err) => deps.log('warn', `finishing the start of ${rec.id}: ${err}`));
      // live restore: healthchecks go on where they were (the recorded state and log are kept)
      deps.health?.watch(rec.id);
      return;
    }
    // Exit code unknown: conmon went away (or the host restarted).
    await releaseRuntime(deps, rec.id);
    deps.table.mutate(rec.id, (r) => {
      Object.assign(r.state, { Status: 'exited', Running: false, Paused: false, Pid: 0, ExitCode: 255, FinishedAt: new Date().toISOString() });
    });
  });
  if (afterRecovery) await afterRecovery(new Set(deps.table.all().filter((r) => r.state.Running).map((r) => r.id)));
  // Restart policies that outlive the daemon, and restarts that were
  // waiting out their back-off when berthd went away.
  const toStart = deps.table.all().filter((rec) => {
    if (rec.state.Running || !rec.hasBeenStartedBefore) return false;
    const p = rec.hostConfig.RestartPolicy.Name;
    return rec.state.Restarting || p === 'always' || (p === 'unless-stopped' && !rec.hasBeenManuallyStopped);
  });
  await forEachLimit(toStart, RESTORE_PARALLELISM, (rec) =>
    startContainer(deps, rec.id).catch((err) => deps.log('warn', `restarting ${rec.id} at startup: ${err}`)),
  );
  for (const id of exited.keys()) if (!deps.table.get(id)) deps.exits.clear(id);
}
