// What happens when conmon reports that a container's process ended: the
// runtime state and the rootfs mount are cleaned up, the record says exited
// with the code, waiters are woken, --rm and restart policies act.
import { rmSync } from 'node:fs';
import type { ContainerDeps } from './deps';
import { withContainerLock } from './lock';
import { bundleDir, rootfsDir } from './paths';
import { removeContainer } from './remove';
import { cgroupsPathOf } from './spec-input';
import { launch } from './start';
import { teardownNetwork } from './network';
import { emitContainer, emitVolumeMounts } from './events';

export async function handleExit(deps: ContainerDeps, id: string, code: number): Promise<void> {
  const t0 = process.hrtime.bigint(); // for the debug log: what an exit costs
  let autoRemove = false;
  let restart = false;
  await withContainerLock(id, async () => {
    const found = deps.table.get(id);
    if (!found || !found.state.Running) {
      deps.exits.clear(id);
      return;
    }
    // Read before runc deletes the cgroup. Docker reports any OOM kill in
    // the container, whichever process the kernel chose.
    const oomKilled = (deps.cgroups.oomKills(cgroupsPathOf(found, deps.settings)) ?? 0) > 0;
    await releaseRuntime(deps, id);
    deps.log('debug', `exit ${id.slice(0, 12)}: released in ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)}ms`);
    // Re-read: a stop may have marked it manually stopped while we waited,
    // and writing back the older copy would lose that (and restart it).
    const rec = deps.table.mutate(id, (r) => {
      Object.assign(r.state, {
        Status: 'exited',
        Running: false,
        Paused: false,
        Restarting: false,
        Pid: 0,
        ExitCode: code,
        OOMKilled: oomKilled,
        FinishedAt: new Date().toISOString(),
      });
      // dockerd: a stopped health monitor leaves the status "unhealthy" ("for compatibility reasons")
      if (r.state.Health) r.state.Health.Status = 'unhealthy';
    });
    deps.exits.clear(id);
    if (!rec) return;
    deps.health?.unwatch(id);
    if (oomKilled) emitContainer(deps, rec, 'oom');
    emitContainer(deps, rec, 'die', { exitCode: String(code) });
    emitVolumeMounts(deps, rec, 'unmount');
    deps.hub.notifyExit(id, code);
    autoRemove = rec.hostConfig.AutoRemove;
    restart = shouldRestart(rec.hostConfig.RestartPolicy, code, !!rec.hasBeenManuallyStopped, rec.restartCount);
  });
  if (autoRemove) {
    await removeContainer(deps, id, { force: true, volumes: true }).catch((err) =>
      deps.log('warn', `auto-removing ${id}: ${err}`),
    );
    deps.log('debug', `exit ${id.slice(0, 12)}: removed in ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)}ms`);
  } else if (restart) {
    scheduleRestart(deps, id);
  }
}

/** Removes what `runc create` and the start made: runtime state, mount, bundle. */
export async function releaseRuntime(deps: ContainerDeps, id: string): Promise<void> {
  // The processes are gone: runc's state and cgroups, the network and the
  // rootfs mount do not depend on each other, so they go side by side.
  await Promise.all([
    deps.runc.deleteExited(id).catch(() => {}),
    teardownNetwork(deps, id),
    deps.mounter.unmountAll(rootfsDir(deps.settings, id)).catch((err) => deps.log('warn', `unmount ${id}: ${err}`)),
  ]);
  rmSync(bundleDir(deps.settings, id), { recursive: true, force: true });
}

export function shouldRestart(
  policy: { Name?: string; MaximumRetryCount?: number },
  code: number,
  manuallyStopped: boolean,
  restartCount: number,
): boolean {
  if (manuallyStopped) return false;
  switch (policy.Name) {
    case 'always':
    case 'unless-stopped':
      return true;
    case 'on-failure':
      return code !== 0 && (!policy.MaximumRetryCount || restartCount < policy.MaximumRetryCount);
    default:
      return false;
  }
}

/** Restarts after dockerd's back-off (see backoff.ts), unless stopped or removed meanwhile. */
function scheduleRestart(deps: ContainerDeps, id: string): void {
  const rec = deps.table.get(id);
  if (!rec) return;
  const ran = Date.parse(rec.state.FinishedAt) - Date.parse(rec.state.StartedAt);
  const delay = deps.backoff.next(id, ran);
  deps.table.mutate(id, (r) => {
    r.state.Restarting = true;
    r.state.Status = 'restarting';
  });
  setTimeout(() => {
    void withContainerLock(id, async () => {
      const cur = deps.table.get(id);
      if (!cur || !cur.state.Restarting || cur.hasBeenManuallyStopped) return;
      cur.restartCount += 1;
      try {
        await launch(deps, cur);
        emitContainer(deps, cur, 'restart');
        emitContainer(deps, cur, 'start');
      } catch (err) {
        deps.log('warn', `restarting ${id}: ${err}`);
      }
    });
  }, delay).unref();
}
