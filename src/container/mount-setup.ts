// At start: turn the container's resolved mounts into OCI mounts, after
// filling new volumes with the image's content at their path (Docker's
// copy-up). The image path is resolved inside the rootfs, so a symlink in the
// image never leads the copy to a host directory.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { resolveFollow } from '../util/tar/resolve';
import { run } from '../util/exec';
import type { OciMount } from '../runtime/spec';
import type { ContainerDeps } from './deps';
import type { ContainerMount } from './mount-types';
import { Mutex } from '../util/mutex';

// Two containers starting on one new volume must not both fill it: the
// emptiness check and the copy happen under one lock (copy-ups are rare).
const volumeSetup = new Mutex();

/** Mounts a volume's filesystem (driver options) if needed, serialised with copy-ups. */
export function activateVolume(deps: ContainerDeps, name: string): Promise<void> {
  return volumeSetup.run(() => deps.volumes.activate(name));
}

/** Copies the content of `rootfs`+`dest` (resolved in root) into an empty volume directory. */
export async function copyUp(rootfs: string, dest: string, volumeDir: string): Promise<boolean> {
  if ((await fsp.readdir(volumeDir)).length > 0) return false;
  const src = await resolveFollow(rootfs, dest);
  const st = await fsp.lstat(src).catch(() => undefined);
  if (!st?.isDirectory()) return false;
  // cp -a copies symlinks as symlinks (never follows them) and keeps owners,
  // modes, times, xattrs and hardlinks within the tree.
  const entries = await fsp.readdir(src);
  if (entries.length) await run('cp', ['-a', '--', ...entries.map((e) => path.join(src, e)), volumeDir + '/']);
  await fsp.chown(volumeDir, st.uid, st.gid);
  await fsp.chmod(volumeDir, st.mode & 0o7777);
  return true;
}

/** Activates the volumes among `mounts` and fills the new (empty) ones with copy-up, in order, under the copy-up lock. */
export async function copyUpVolumes(deps: ContainerDeps, mounts: ContainerMount[], rootfs: string): Promise<void> {
  await volumeSetup.run(async () => {
    for (const m of mounts) {
      if (m.type !== 'volume') continue;
      await deps.volumes.activate(m.name as string);
      if (m.copyUp) await copyUp(rootfs, m.destination, deps.volumes.dataPath(m.name as string));
    }
  });
}

function depth(p: string): number {
  return p.split('/').filter(Boolean).length;
}

export function ociMount(m: ContainerMount, volumePath: (name: string) => string): OciMount {
  if (m.type === 'tmpfs') {
    return {
      destination: m.destination,
      type: 'tmpfs',
      source: 'tmpfs',
      options: ['noexec', 'nosuid', 'nodev', 'rprivate', ...(m.rw ? [] : ['ro']), ...(m.tmpfsOptions ?? [])],
    };
  }
  const source = m.type === 'volume' ? volumePath(m.name as string) : m.source;
  return {
    destination: m.destination,
    type: 'bind',
    source,
    options: [m.recursive === false ? 'bind' : 'rbind', m.rw ? 'rw' : 'ro', m.propagation || 'rprivate'],
  };
}

/** OCI mounts for the container's volumes, binds and tmpfs mounts, parents before children. */
export async function containerMounts(deps: ContainerDeps, mounts: ContainerMount[] | undefined, rootfs: string): Promise<OciMount[]> {
  const list = [...(mounts ?? [])].sort((a, b) => depth(a.destination) - depth(b.destination));
  await copyUpVolumes(deps, list, rootfs);
  return list.map((m) => ociMount(m, (n) => deps.volumes.dataPath(n)));
}
