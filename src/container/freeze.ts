// Freezing a container for commit and cp. The record can still say running
// for a moment after the process has gone (conmon reported the exit and the
// runtime let go, berthd has not recorded it yet): dockerd pauses only what
// really runs and takes the rest as it is, so a failed pause of a process
// that no longer exists is "nothing to freeze", not an error.
import { processAlive } from '../runtime/direct';
import type { ContainerDeps } from './deps';
import type { ContainerRecord } from './types';

/** Pauses a running, unpaused container; resolves false when there was nothing to freeze. */
export async function freezeIfLive(deps: ContainerDeps, rec: ContainerRecord): Promise<boolean> {
  if (!rec.state.Running || rec.state.Paused || !processAlive(rec.state.Pid)) return false;
  try {
    await deps.runc.pause(rec.id);
    return true;
  } catch (err) {
    if (!processAlive(rec.state.Pid)) return false;
    throw err;
  }
}
