// Docker's populateVolumes at create: a new volume gets the image's content
// at its path when the container is created, not first started, so a
// data-volume container that never runs (`docker create -v /path --name
// data IMAGE`) hands filled volumes to `--volumes-from` and `docker cp`.
// Start copies again only into a volume that is still empty (copyUp skips
// the rest), as before.
import type { ContainerDeps } from './deps';
import { copyUpVolumes } from './mount-setup';
import { withRootfs } from './rootfs';
import type { ContainerRecord } from './types';

export async function populateVolumes(deps: ContainerDeps, rec: ContainerRecord): Promise<void> {
  const list = (rec.mounts ?? []).filter((m) => m.type === 'volume' && m.copyUp);
  if (!list.length) return;
  await withRootfs(deps, rec, (root) => copyUpVolumes(deps, list, root));
}
