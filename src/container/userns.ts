// berthd --userns-remap, seen from one container: it runs in a user
// namespace (its root an unprivileged host uid) unless it opted out with
// --userns=host, and a few host-sharing modes need that opt-out, with
// dockerd's messages (daemon_unix.go verifyPlatformContainerSettings).
import { invalidArgument } from '../errdefs';
import { rootPair, type IdMapping, type Owner } from '../util/idmap';
import type { DaemonSettings } from './deps';
import type { HostConfig } from './types';

/** The mapping the container runs with; undefined: the host's user namespace. */
export function containerIdMap(hc: Pick<HostConfig, 'UsernsMode'>, settings: Pick<DaemonSettings, 'idMap'>): IdMapping | undefined {
  return hc.UsernsMode === 'host' ? undefined : settings.idMap;
}

/** Owner for files berthd makes for the daemon's containers (etc files, mount points, volumes): the remapped root, or root. */
export function remappedRoot(settings: Pick<DaemonSettings, 'idMap'>): Owner | undefined {
  return settings.idMap ? rootPair(settings.idMap) : undefined;
}

export function validateUserns(hc: HostConfig, settings: Pick<DaemonSettings, 'idMap'>): void {
  const mode = hc.UsernsMode ?? '';
  if (mode !== '' && mode !== 'host') throw invalidArgument(`invalid USER mode: ${mode}`);
  if (!containerIdMap(hc, settings)) return;
  if (hc.Privileged) {
    throw invalidArgument('privileged mode is incompatible with user namespaces.  You must run the container in the host namespace when running privileged mode');
  }
  if (hc.NetworkMode === 'host') throw invalidArgument("cannot share the host's network namespace when user namespaces are enabled");
  if (hc.PidMode === 'host') throw invalidArgument('cannot share the host PID namespace when user namespaces are enabled');
}
