// Adapts the container verbs (functions of ContainerDeps) to the router's
// ContainerBackend interface.
import type { ContainerBackend, ContainerFilesBackend } from '../api/routers/container/backend';
import { commitContainer, containerChanges, exportContainer } from '../container/files';
import { getContainerArchive, putContainerArchive, statContainerPath } from '../container/archive';
import type { ContainerDeps } from '../container/deps';
import { createContainer } from '../container/create';
import { listContainers } from '../container/list';
import { inspectContainer } from '../container/inspect';
import { startContainer } from '../container/start';
import { restartContainer, stopContainer } from '../container/stop';
import { killContainer } from '../container/kill';
import { parseCondition, waitContainer } from '../container/wait';
import { removeContainer } from '../container/remove';
import { findLink, removeLinkAndRefresh } from '../container/link-names';
import { renameContainer } from '../container/rename';
import { prepareLogs } from '../container/logs';
import { attachContainer, prepareAttach } from '../container/attach';
import { pruneContainers } from '../container/prune';
import { resizeContainer } from '../container/resize';
import type { CreateBody } from '../container/config';
import { pauseContainer } from '../container/pause';
import { topContainer } from '../container/top';
import { updateContainer } from '../container/update';
import { containerStats } from '../container/stats';
import { procReader } from '../sys/procfs';
import type { HostConfig } from '../container/types';

export function containerBackend(deps: ContainerDeps): ContainerBackend {
  const proc = procReader();
  return {
    stats: (ref, opts) => containerStats({ ...deps, proc }, ref, opts),
    create: (body, name) => createContainer(deps, body as CreateBody, name),
    list: (opts) => listContainers(deps, opts),
    inspect: (ref, size) => inspectContainer(deps, ref, size),
    start: (ref) => startContainer(deps, ref),
    stop: (ref, opts) => stopContainer(deps, ref, opts),
    restart: (ref, opts) => restartContainer(deps, ref, opts),
    kill: (ref, signal) => killContainer(deps, ref, signal),
    wait: (ref, condition) => waitContainer(deps, ref, parseCondition(condition)),
    remove: (ref, opts) => removeContainer(deps, ref, opts),
    removeLink: (ref) => removeLinkAndRefresh(deps, ref),
    resolveLinkName: (ref) => findLink(deps, ref)?.link.child.id,
    rename: (ref, name) => renameContainer(deps, ref, name),
    logs: (ref, q) => prepareLogs(deps, ref, q),
    attach: (ref, opts) => {
      const rec = prepareAttach(deps, ref, opts);
      return (client) => attachContainer(deps, rec, opts, client);
    },
    resize: (ref, h, w) => resizeContainer(deps, ref, h, w),
    update: (ref, body) => updateContainer(deps, ref, body as Partial<HostConfig>),
    pause: (ref) => pauseContainer(deps, ref, true),
    unpause: (ref) => pauseContainer(deps, ref, false),
    top: (ref, psArgs) => topContainer(deps, ref, psArgs),
    prune: (filters) => pruneContainers(deps, filters),
  };
}

export function containerFilesBackend(deps: ContainerDeps): ContainerFilesBackend {
  return {
    statPath: (ref, path) => statContainerPath(deps, ref, path),
    getArchive: (ref, path, send) => getContainerArchive(deps, ref, path, send),
    putArchive: (ref, path, body, opts) => putContainerArchive(deps, ref, path, body, opts),
    changes: (ref) => containerChanges(deps, ref),
    export: (ref, send) => exportContainer(deps, ref, send),
    commit: (ref, q) => commitContainer(deps, ref, q),
  };
}
