// Builds the image side (content store, overlay snapshotter, image store)
// on the daemon's database, and adapts it to what the container verbs need.
import { join } from 'node:path';
import type { DB } from '../metadata/db';
import { createLocalContentStore } from '../content';
import { createOverlaySnapshotter } from '../snapshot';
import { createSnapshotRecords } from '../metadata/snapshots';
import { createImageStore, type ContainerConfig, type ImageStore, type RegistryAccess } from '../image';
import type { ImageAccess, ImageConfigView, SnapshotAccess } from '../container/deps';
import type { EventBus } from '../events/bus';
import { rootPair, type IdMapping } from '../util/idmap';

export interface ImageSide {
  store: ImageStore;
  access: ImageAccess;
  snapshots: SnapshotAccess;
}

export function buildImageSide(opts: {
  db: DB;
  dataRoot: string;
  events: EventBus;
  users: (imageId: string) => { id: string; running: boolean }[];
  registry: RegistryAccess;
  /** --userns-remap: layers unpacked shifted, snapshot roots owned by the containers' root. */
  idMap?: IdMapping;
}): ImageSide {
  const content = createLocalContentStore(join(opts.dataRoot, 'content'));
  const snapshotter = createOverlaySnapshotter({
    root: opts.dataRoot,
    records: createSnapshotRecords(opts.db),
    rootOwner: opts.idMap ? rootPair(opts.idMap) : undefined,
  });
  const store = createImageStore({
    db: opts.db,
    content,
    snapshotter,
    imageUsers: opts.users,
    tmpRoot: join(opts.dataRoot, 'tmp'),
    registry: opts.registry,
    idMap: opts.idMap,
    onEvent: (action, id, attrs) => opts.events.emit('image', action, id, attrs),
  });
  const view = (id: string) => {
    const v = store.get(id);
    return v && { id: v.id, config: (v.config.config ?? {}) as ImageConfigView, topChainID: v.topChainID, size: v.size };
  };
  return {
    store,
    access: {
      resolve: (ref) => view(store.resolve(ref))!,
      commit: (req) => store.commitContainer({ ...req, config: req.config as ContainerConfig }),
      byId: view,
    },
    snapshots: {
      prepare: (key, parent) => snapshotter.prepare(key, parent ?? undefined),
      mounts: (key) => snapshotter.mounts(key),
      remove: async (key) => {
        await snapshotter.remove(key);
        // A force-removed image may have left layers only this container kept.
        await store.gc().catch(() => {});
      },
      usage: async (key) => (await snapshotter.usage(key)).size,
    },
  };
}
