// POST /containers/{id}/pause and /unpause: runc's freezer (cgroup v1
// freezer, v2 cgroup.freeze).
import { conflict } from '../errdefs';
import type { ContainerDeps } from './deps';
import { withContainerLock } from './lock';
import { processAlive } from '../runtime/direct';
import { findContainer } from './resolve';
import { emitContainer } from './events';

export async function pauseContainer(deps: ContainerDeps, ref: string, pause: boolean): Promise<void> {
  const found = findContainer(deps.table, ref);
  await withContainerLock(found.id, async () => {
    const rec = deps.table.get(found.id)!;
    if (!rec.state.Running) throw conflict(`container ${rec.id} is not running`);
    if (pause && rec.state.Paused) throw conflict(`container ${rec.id} is already paused`);
    if (!pause && !rec.state.Paused) throw conflict(`container ${rec.id} is not paused`);
    try {
      await (pause ? deps.runc.pause(rec.id) : deps.runc.resume(rec.id));
    } catch (err) {
      // Exited a moment ago, before its exit was recorded: dockerd's answer for a stopped container.
      if (!processAlive(rec.state.Pid)) throw conflict(`container ${rec.id} is not running`);
      throw err;
    }
    rec.state.Paused = pause;
    rec.state.Status = pause ? 'paused' : 'running';
    deps.table.update(rec);
  });
  emitContainer(deps, found, pause ? 'pause' : 'unpause');
}
