// A running container's /etc/hosts and /etc/resolv.conf rewritten after its
// links or networks changed, as dockerd updates the sandbox: a removed link
// goes from hosts, and joining a user-defined network switches the resolver
// to that network's embedded DNS server. The files are bind mounts of ours,
// rewritten in place, so the container sees them at once.
import type { ContainerDeps } from './deps';
import { writeEtcFiles } from './etcfiles';
import { etcInput, linkAlias, resolveLinks } from './links';
import { containerDir } from './paths';
import type { ContainerRecord } from './types';
import { remappedRoot } from './userns';
import { findContainer } from './resolve';

export function refreshEtcFiles(deps: ContainerDeps, rec: ContainerRecord): void {
  if (!rec.state.Running || rec.hostConfig.NetworkMode === 'host') return;
  // Links to children that stopped since are left out rather than failing the update.
  const running = (rec.hostConfig.Links ?? []).filter((l) => {
    try {
      return findContainer(deps.table, linkAlias(l).target).state.Running;
    } catch {
      return false;
    }
  });
  const live: ContainerRecord = { ...rec, hostConfig: { ...rec.hostConfig, Links: running } };
  const endpoints = deps.network.store.endpoints({ containerId: rec.id });
  writeEtcFiles(containerDir(deps.settings, rec.id), rec, etcInput(deps, rec, endpoints, resolveLinks(deps, live)), remappedRoot(deps.settings));
}
