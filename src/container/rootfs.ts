// The container's filesystem as its processes see it, for cp, diff, commit
// and export. A running container's is /proc/PID/root (volumes and tmpfs
// included); it is frozen (cgroup freezer) for the duration, so no process in
// it can swap a directory for a symlink while berthd walks paths in it. A
// stopped container's snapshot is mounted on demand on a private temp dir
// under the exec root, with its volumes and binds on top, and unmounted after.
import { freezeIfLive } from './freeze';
import { mkdtempSync, promises as fsp, rmdirSync } from 'node:fs';
import * as path from 'node:path';
import { run } from '../util/exec';
import { cleanComponents, resolveInRoot } from '../util/tar/resolve';
import type { ContainerDeps } from './deps';
import { withContainerLock } from './lock';
import { rootfsDir } from './paths';
import { activateVolume } from './mount-setup';
import type { ContainerRecord } from './types';
import { remappedRoot } from './userns';

/** Chowns `target` and the directories mkdir -p made above it (`first`: the top one made, if any). */
async function chownMade(first: string | undefined, target: string, owner: { uid: number; gid: number }): Promise<void> {
  const paths = [target];
  if (first) for (let p = path.dirname(target); p.length >= first.length; p = path.dirname(p)) paths.push(p);
  for (const p of paths) await fsp.lchown(p, owner.uid, owner.gid);
}

export interface RootfsOptions {
  /** Mount volumes and binds too (cp); diff/commit/export want the container's own filesystem only. */
  withVolumes?: boolean;
}

export async function withRootfs<T>(
  deps: ContainerDeps,
  rec: ContainerRecord,
  fn: (root: string, live: boolean) => Promise<T>,
  opts: RootfsOptions = {},
): Promise<T> {
  if (rec.state.Running && rec.state.Pid && opts.withVolumes) {
    const freeze = await freezeIfLive(deps, rec);
    try {
      return await fn(`/proc/${rec.state.Pid}/root`, true);
    } finally {
      if (freeze) await deps.runc.resume(rec.id).catch((err) => deps.log('warn', `resume ${rec.id} after cp: ${err}`));
    }
  }
  // A running container's own rootfs (no volumes) is mounted in its bundle already.
  if (rec.state.Running) return fn(rootfsDir(deps.settings, rec.id), true);
  return withContainerLock(rec.id, async () => {
    const cur = deps.table.get(rec.id);
    if (cur?.state.Running) return fn(opts.withVolumes && cur.state.Pid ? `/proc/${cur.state.Pid}/root` : rootfsDir(deps.settings, rec.id), true);
    const tmpBase = path.join(deps.settings.execRoot, 'tmp');
    await fsp.mkdir(tmpBase, { recursive: true, mode: 0o700 });
    const dir = mkdtempSync(path.join(tmpBase, 'rootfs-'));
    const stacked: string[] = [];
    try {
      await deps.mounter.mountAll(await deps.snapshots.mounts(rec.snapshotKey), dir);
      stacked.push(dir);
      if (opts.withVolumes) {
        const list = [...(rec.mounts ?? [])].filter((m) => m.type !== 'tmpfs');
        list.sort((a, b) => cleanComponents(a.destination).length - cleanComponents(b.destination).length);
        for (const m of list) {
          const target = path.join(dir, ...(await resolveInRoot(dir, cleanComponents(m.destination))));
          if (m.type === 'volume') await activateVolume(deps, m.name as string);
          const source = m.type === 'volume' ? deps.volumes.dataPath(m.name as string) : m.source;
          // A mount point not made yet (never started) is made like runc would at start, resolved in-root.
          const srcSt = await fsp.stat(source).catch(() => undefined);
          if (!srcSt) continue;
          if (!(await fsp.lstat(target).catch(() => undefined))) {
            const made = srcSt.isDirectory()
              ? await fsp.mkdir(target, { recursive: true, mode: 0o755 })
              : await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
            if (!srcSt.isDirectory()) await fsp.writeFile(target, '', { flag: 'wx' });
            // --userns-remap: what berthd makes in the container's layer belongs to the container's root, as what runc makes does.
            const owner = remappedRoot(deps.settings);
            if (owner) await chownMade(made, target, owner);
          }
          await run('mount', ['--bind', source, target]);
          stacked.push(target);
          if (!m.rw) await run('mount', ['-o', 'remount,bind,ro', target]);
        }
      }
      return await fn(dir, false);
    } finally {
      for (const t of stacked.reverse()) await deps.mounter.unmountAll(t).catch((err) => deps.log('warn', `unmount ${t}: ${err}`));
      // rmdir, never rm -r: if an unmount failed, the container's files are still under dir.
      rmdirSync(dir);
    }
  });
}
