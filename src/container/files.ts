// GET /containers/{id}/changes, GET /containers/{id}/export and POST /commit:
// the container's own layer (its overlay upper dir) as a change list, as an
// OCI layer for a new image, and its whole filesystem as a tar.
import { freezeIfLive } from './freeze';
import { conflict } from '../errdefs';
import { overlayChanges, overlayDirs, type Change } from '../snapshot/changes';
import { packTree } from '../util/tar/pack';
import { applyChanges } from '../image/changes';
import type { ContainerDeps } from './deps';
import { findContainer } from './resolve';
import { withRootfs } from './rootfs';
import type { ContainerRecord } from './types';
import { emitContainer } from './events';

/** Mount points runc creates in the rootfs that Docker keeps in its init layer: not the container's changes. */
export const INIT_PATHS = new Set(['/dev', '/proc', '/sys', '/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/.dockerenv', '/etc/mtab']);

async function upperOf(deps: ContainerDeps, rec: ContainerRecord): Promise<{ upper: string; lowers: string[] }> {
  const dirs = overlayDirs(await deps.snapshots.mounts(rec.snapshotKey));
  if (!dirs) throw conflict(`container ${rec.id} has no writable layer`);
  return dirs;
}

export async function containerChanges(deps: ContainerDeps, ref: string): Promise<Change[]> {
  const rec = findContainer(deps.table, ref);
  const { upper, lowers } = await upperOf(deps, rec);
  return overlayChanges(upper, lowers, INIT_PATHS);
}

export interface CommitQuery {
  repo?: string;
  tag?: string;
  author?: string;
  comment?: string;
  changes?: string[];
  pause: boolean;
  /** Config from the request body, merged over the container's. */
  config?: Record<string, unknown>;
}

const IMAGE_CONFIG_KEYS = ['User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels', 'StopSignal', 'OnBuild', 'Healthcheck', 'Shell'];

export async function commitContainer(deps: ContainerDeps, ref: string, q: CommitQuery): Promise<string> {
  const rec = findContainer(deps.table, ref);
  const { upper } = await upperOf(deps, rec);
  const config: Record<string, unknown> = {};
  const src = { ...(rec.config as unknown as Record<string, unknown>), ...(q.config ?? {}) };
  for (const k of IMAGE_CONFIG_KEYS) if (src[k] !== undefined && src[k] !== null) config[k] = src[k];
  // Bad -c changes are refused before the container is paused or anything is read.
  applyChanges({}, q.changes ?? []);
  const freeze = q.pause && (await freezeIfLive(deps, rec));
  try {
    const layer = packTree(upper, '', {
      overlayWhiteouts: true,
      skip: (host) => INIT_PATHS.has(host.slice(upper.length)),
      // --userns-remap: the new layer carries the container's ids, as any image's does.
      idMap: deps.settings.idMap,
    });
    const id = await deps.images.commit({
      parent: rec.imageId,
      layer,
      config,
      containerId: rec.id,
      createdBy: [rec.path, ...rec.args].join(' '),
      author: q.author,
      comment: q.comment,
      changes: q.changes,
      repo: q.repo,
      tag: q.tag,
    });
    emitContainer(deps, rec, 'commit', { comment: q.comment ?? '' });
    return id;
  } finally {
    if (freeze) await deps.runc.resume(rec.id).catch((err) => deps.log('warn', `resume ${rec.id} after commit: ${err}`));
  }
}

/** GET export: `send` streams the tar while the rootfs is held. */
export async function exportContainer(deps: ContainerDeps, ref: string, send: (tar: AsyncIterable<Buffer>) => Promise<void>): Promise<void> {
  const rec = findContainer(deps.table, ref);
  await withRootfs(deps, rec, (root) => send(packTree(root, '', { idMap: deps.settings.idMap })));
  emitContainer(deps, rec, 'export');
}
