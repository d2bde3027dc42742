// One build step through the same container path as `docker run`: create a
// container from the current image with the step's config, run it (RUN) or
// write into its root (COPY/ADD), commit its layer (or only the config) as a
// new image whose parent is the current one, and remove the container —
// unless --rm=false; on failure only with --force-rm, as the classic builder.
import { readdir } from 'node:fs/promises';
import { createContainer } from '../../container/create';
import { killContainer } from '../../container/kill';
import type { ContainerDeps } from '../../container/deps';
import { INIT_PATHS } from '../../container/files';
import { prepareLogs } from '../../container/logs';
import { removeContainer } from '../../container/remove';
import { withRootfs } from '../../container/rootfs';
import { startContainer } from '../../container/start';
import type { ContainerConfig, ImageStore } from '../../image';
import { overlayDirs } from '../../snapshot/changes';
import { packTree } from '../../util/tar/pack';
import { SCRATCH } from './tags';
import type { RunHostConfig } from './types';

export { SCRATCH };

export interface StepDeps {
  images: ImageStore;
  containers: ContainerDeps;
}

export interface StepOptions {
  /** Current image ('' for scratch with nothing committed yet). */
  parent: string;
  /** The image config after this step (its Cmd is the image's CMD). */
  config: ContainerConfig;
  /** What the step ran with: Cmd is the instruction (`/bin/sh -c #(nop) …` or the RUN command). */
  runConfig: ContainerConfig;
  /** RUN: the container runs runConfig's Cmd with this environment. */
  run?: { cmd: string[]; env: string[] };
  /** COPY/ADD: writes into the container's root before the commit. */
  write?: (root: string) => Promise<void>;
  /** MAINTAINER of the stage. */
  author?: string;
  /** Commit a layer (RUN, COPY, ADD) or only the config. */
  layer: boolean;
  rm: boolean;
  forceRm: boolean;
  out: (text: string) => void;
  /** The RUN command as Docker names it in the failure message. */
  commandText: string;
  /** Commit no layer when the step changed nothing (WORKDIR of an existing directory). */
  dropEmptyLayer?: boolean;
  /** The client went away: a running step is killed and the build stops. */
  signal?: AbortSignal;
  /** Network mode and extra hosts of the RUN container. */
  runHost?: RunHostConfig;
}

export class StepError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

export async function runStep(deps: StepDeps, o: StepOptions): Promise<string> {
  const c = deps.containers;
  const body = {
    Image: o.parent || SCRATCH,
    Cmd: o.run ? o.run.cmd : o.runConfig.Cmd ?? [],
    // The step's command replaces the image's entrypoint (Docker runs RUN without it).
    Entrypoint: [''],
    Env: o.run ? o.run.env : o.runConfig.Env ?? [],
    WorkingDir: o.runConfig.WorkingDir ?? '',
    User: o.runConfig.User ?? '',
    Labels: o.runConfig.Labels ?? {},
    Volumes: o.runConfig.Volumes,
    AttachStdout: true,
    AttachStderr: true,
    HostConfig: {
      ...(o.runHost?.NetworkMode && o.runHost.NetworkMode !== 'default' ? { NetworkMode: o.runHost.NetworkMode } : {}),
      ...(o.runHost?.ExtraHosts?.length ? { ExtraHosts: o.runHost.ExtraHosts } : {}),
    },
  };
  const { Id: id } = await createContainer(c, body as Parameters<typeof createContainer>[1], undefined);
  o.out(` ---> Running in ${id.slice(0, 12)}\n`);
  let ok = false;
  try {
    if (o.run) await runIn(c, id, o);
    if (o.write) {
      const rec = c.table.get(id)!;
      await withRootfs(c, rec, (root) => (o.write as (r: string) => Promise<void>)(root));
    }
    const imageId = await commitStep(deps, id, o);
    ok = true;
    return imageId;
  } finally {
    // A cancelled build leaves nothing behind either.
    if (o.forceRm || (o.rm && ok) || o.signal?.aborted) {
      if (ok) {
        await removeContainer(c, id, { force: true, volumes: true });
        o.out(` ---> Removed intermediate container ${id.slice(0, 12)}\n`);
      } else {
        // The step's own error is the one to report.
        await removeContainer(c, id, { force: true, volumes: true }).catch((err) => c.log('warn', `build: removing ${id}: ${err}`));
      }
    }
  }
}

async function runIn(c: ContainerDeps, id: string, o: StepOptions): Promise<void> {
  const exited = c.hub.nextExit(id);
  await startContainer(c, id);
  const kill = () => {
    killContainer(c, id, 'SIGKILL').catch(() => {
      /* already exited */
    });
  };
  o.signal?.addEventListener('abort', kill, { once: true });
  if (o.signal?.aborted) kill();
  const logs = prepareLogs(c, id, { stdout: true, stderr: true, follow: true, timestamps: false, details: false });
  let closed = false;
  await logs.run({
    write: (_stream, data) => o.out(data.toString('utf8')),
    closed: () => closed,
    onClose: () => {},
  });
  const code = await exited;
  closed = true;
  o.signal?.removeEventListener('abort', kill);
  if (o.signal?.aborted) throw new StepError('context canceled');
  if (code !== 0) throw new StepError(`The command '${o.commandText}' returned a non-zero code: ${code}`, code);
}

async function commitStep(deps: StepDeps, id: string, o: StepOptions): Promise<string> {
  const c = deps.containers;
  const rec = c.table.get(id)!;
  let layer: AsyncIterable<Buffer> | undefined;
  if (o.layer) {
    const dirs = overlayDirs(await c.snapshots.mounts(rec.snapshotKey));
    if (!dirs) throw new Error(`container ${id} has no writable layer`);
    const upper = dirs.upper;
    if (o.dropEmptyLayer && (await readdir(upper)).length === 0) return commitStep(deps, id, { ...o, layer: false });
    layer = packTree(upper, '', { overlayWhiteouts: true, skip: (host) => INIT_PATHS.has(host.slice(upper.length)), idMap: c.settings.idMap });
  }
  const createdBy = (o.runConfig.Cmd ?? []).join(' ');
  return deps.images.commitContainer({
    parent: o.parent,
    layer,
    config: o.config,
    containerConfig: o.runConfig,
    containerId: id,
    createdBy,
    author: o.author,
  });
}
