// DELETE /containers/{id}: refuse a running container unless forced; a forced
// removal kills it first. The record goes last, so a crash halfway leaves a
// container that can be removed again.
import { rmSync } from 'node:fs';
import { constants } from 'node:os';
import { conflict } from '../errdefs';
import type { ContainerDeps } from './deps';
import { signalProcess } from './kill';
import { withContainerLock } from './lock';
import { containerDir } from './paths';
import { findContainer } from './resolve';
import { awaitExit } from './await-exit';
import { removeAnonymousVolumes } from './mounts';
import { emitContainer } from './events';

export async function removeContainer(
  deps: ContainerDeps,
  ref: string,
  opts: { force?: boolean; volumes?: boolean },
): Promise<void> {
  const rec = findContainer(deps.table, ref);
  if (rec.state.Running || rec.state.Restarting) {
    if (!opts.force) {
      const what = rec.state.Restarting ? 'container is restarting' : 'container is running';
      throw conflict(
        `cannot remove container "/${rec.name}": ${what}: stop the container before removing or force remove`,
      );
    }
    deps.table.mutate(rec.id, (r) => {
      r.hasBeenManuallyStopped = true;
      r.state.Restarting = false;
    });
    if (rec.state.Running) {
      const exited = deps.hub.nextExit(rec.id);
      if (rec.state.Paused) await deps.runc.resume(rec.id).catch(() => {});
      signalProcess(rec, constants.signals.SIGKILL);
      // dockerd's forced removal goes through Kill: `kill` (signal 9), then die and destroy
      emitContainer(deps, rec, 'kill', { signal: String(constants.signals.SIGKILL) });
      await awaitExit(deps, rec.id, exited);
    }
  }
  await withContainerLock(rec.id, async () => {
    const cur = deps.table.get(rec.id);
    if (!cur) return;
    if (cur.state.Running) throw conflict(`cannot remove container "/${cur.name}": container is running`);
    cur.state.Status = 'removing';
    deps.table.update(cur);
    await deps.snapshots.remove(cur.snapshotKey).catch((err) => {
      if ((err as { kind?: string }).kind !== 'NotFound') throw err;
    });
    rmSync(containerDir(deps.settings, cur.id), { recursive: true, force: true });
    deps.table.delete(cur.id);
    deps.backoff.reset(cur.id);
    if (opts.volumes) await removeAnonymousVolumes(deps, cur.mounts);
    emitContainer(deps, cur, 'destroy');
    deps.hub.notifyRemoved(cur.id, cur.state.ExitCode);
  });
}
