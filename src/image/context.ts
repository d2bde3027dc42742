// Shared state of one image store: its dependencies, the metadata queries,
// and the in-process bookkeeping the verbs coordinate through.
import type { DB } from '../metadata/db';
import { createImageRecords, type ImageRecords, type ImageRow } from '../metadata/images';
import type { ContentStore } from '../content';
import type { Snapshotter } from '../snapshot';
import { Mutex } from '../util/mutex';
import type { AuthConfig, Platform, RegistrySession } from '../registry';
import type { ImageConfig, ImageEventFn, ImageUsers } from './types';
import type { IdMapping } from '../util/idmap';

/** How the store reaches registries (pull, push, search, login). */
export interface RegistryAccess {
  /** A session for one operation on registry `host` with these credentials. */
  session(host: string, auth?: AuthConfig): RegistrySession;
  /** Layers fetched / sent at once (Docker's max-concurrent-downloads 3, uploads 5). */
  maxConcurrentDownloads: number;
  maxConcurrentUploads: number;
  /** Tries per layer download before the pull fails (Docker's max-download-attempts, 5). */
  maxDownloadAttempts?: number;
  /** Blobs above this size are uploaded in PATCH chunks of this size. */
  uploadChunkSize?: number;
  /** Pulled when no --platform is given. */
  defaultPlatform: Platform;
}

export interface ImageStoreDeps {
  /** SQLite opened with imageMigrations (which include the snapshot table). */
  db: DB;
  content: ContentStore;
  /** Layers become committed snapshots named by chainID. */
  snapshotter: Snapshotter;
  /** Containers using an image; remove/prune refuse (or need force) while there are any. */
  imageUsers?: ImageUsers;
  /** Image events (import, tag, untag, delete, prune) for the event bus. */
  onEvent?: ImageEventFn;
  now?: () => Date;
  /** Where load unpacks archives (same filesystem as the content store is best). */
  tmpRoot?: string;
  registry?: RegistryAccess;
  /**
   * berthd --userns-remap: layers are unpacked with their ids shifted into
   * the containers' range (the blobs, diffIDs and anything pushed or saved
   * keep the image's own ids).
   */
  idMap?: IdMapping;
}

export interface Ctx {
  records: ImageRecords;
  registry?: RegistryAccess;
  content: ContentStore;
  snapshotter: Snapshotter;
  idMap?: IdMapping;
  users: ImageUsers;
  now: () => Date;
  /**
   * Serialises changes that span several transactions and awaits (commit of
   * an image, tag, remove, prune, GC). Reads never take it.
   */
  lock: Mutex;
  /** Chain ids in use by in-flight imports: GC never removes them. */
  pins: Map<string, number>;
  /** Emits an image event; attrs default to {name: id}; the image's labels are added like dockerd does. */
  event(action: string, id: string, attrs?: Record<string, string>): void;
  /** Parsed config of an image row (immutable, so cached by id). */
  config(row: ImageRow): ImageConfig;
}

export function makeCtx(deps: ImageStoreDeps): Ctx {
  const records = createImageRecords(deps.db);
  const configs = new Map<string, ImageConfig>();
  const config = (row: ImageRow): ImageConfig => {
    let c = configs.get(row.id);
    if (!c) {
      c = JSON.parse(row.config) as ImageConfig;
      configs.set(row.id, c);
    }
    return c;
  };
  return {
    records,
    registry: deps.registry,
    content: deps.content,
    snapshotter: deps.snapshotter,
    idMap: deps.idMap,
    users: deps.imageUsers ?? (() => []),
    now: deps.now ?? (() => new Date()),
    lock: new Mutex(),
    pins: new Map(),
    config,
    event(action, id, attrs = { name: id }) {
      if (!deps.onEvent) return;
      const row = id ? records.image(id) : undefined;
      const labels = row ? (config(row).config?.Labels ?? {}) : {};
      deps.onEvent(action, id, { ...labels, ...attrs });
      if (action === 'delete') configs.delete(id);
    },
  };
}

export function pin(ctx: Ctx, chain: string): void {
  ctx.pins.set(chain, (ctx.pins.get(chain) ?? 0) + 1);
}

export function unpin(ctx: Ctx, chain: string): void {
  const n = (ctx.pins.get(chain) ?? 1) - 1;
  if (n <= 0) ctx.pins.delete(chain);
  else ctx.pins.set(chain, n);
}
