// The image store contract. Images are identified by the digest of their
// config (`sha256:…`); references (repo:tag, repo@digest) point at them;
// each layer is a committed snapshot named by its chainID.
//
// Rules:
//  - An image exists once one SQLite transaction recorded it, and by then its
//    config, manifest and layer blobs are verified in the content store and
//    its layers committed as snapshots.
//  - References are normalised (busybox → docker.io/library/busybox:latest)
//    and shown familiar (busybox:latest).
//  - "No such image: busybox:latest" is NotFound; a bad name InvalidArgument
//    with distribution's message; images in use are Conflict with dockerd's
//    messages.
//  - Reads (list, inspect, history, resolve, getConfig) never wait for
//    writes; changes are serialised in-process.
//  - A layer goes (snapshot, row, blob) when the last image using it goes and
//    no container snapshot stands on it.
import type { CommitOptions } from './commit';
import type { LoadMessage } from './archive-parts';
import type { AppliedLayer } from './layers';
import type { CommittedImage, NewImage } from './create';
import type { PullOptions } from './pull';
import type { PushOptions } from './push';
import type {
  DeleteItem,
  HistoryItem,
  ImageConfig,
  ImageInspect,
  ImageSummary,
  ImportOptions,
  ListOptions,
  PruneOptions,
  PruneReport,
  RemoveOptions,
} from './types';

export interface ImageRecordView {
  id: string;
  /** Sum of the layers' diff sizes (Docker's image Size). */
  size: number;
  created: string;
  /** chainID of the top layer: the parent snapshot of a container's rootfs. */
  topChainID: string | null;
  config: ImageConfig;
}

export interface ImageStore {
  /** `docker import`: tar (plain or gzip) → single-layer image; returns its ID. */
  import(src: AsyncIterable<Buffer>, opts?: ImportOptions): Promise<string>;
  /** `docker pull`: name[:tag|@digest] from its registry; returns the image ID. */
  pull(name: string, opts?: PullOptions): Promise<string>;
  /** `docker push`: one tag, or every tag of the repository when none is given. */
  push(name: string, opts?: PushOptions): Promise<void>;
  list(opts?: ListOptions): Promise<ImageSummary[]>;
  inspect(refOrId: string): Promise<ImageInspect>;
  history(refOrId: string): Promise<HistoryItem[]>;
  /** Points repo[:tag] (tag defaults to latest) at the image `source` names. */
  tag(source: string, repo: string, tag?: string): Promise<void>;
  remove(refOrId: string, opts?: RemoveOptions): Promise<DeleteItem[]>;
  prune(opts?: PruneOptions): Promise<PruneReport>;

  // ---- synchronous lookups for the container layer ----
  /** Reference, full ID, or unique ID prefix → image ID; NotFound "No such image: …". */
  resolve(refOrId: string): string;
  /** By exact ID; undefined when absent. */
  get(id: string): ImageRecordView | undefined;
  /** The OCI image config; NotFound when absent. */
  getConfig(id: string): ImageConfig;
  topChainID(id: string): string | null;
  /** Familiar tags (busybox:latest) of an image. */
  tags(id: string): string[];
  count(): number;
  /** IDs of the images whose parent is `id` (the classic build cache looks there). */
  children(id: string): string[];
  /** For GET /system/df: unique layer bytes, images with SharedSize and Containers filled in. */
  diskUsage(): { layersSize: number; images: ImageSummary[] };

  // ---- for pull / load / build / commit ----
  /** Unpacks content-store blob `digest` over `parentChain` into a committed snapshot; pinned until commitImage. */
  applyLayer(parentChain: string | null, digest: string): Promise<AppliedLayer>;
  /** Records an image whose layers were applied; then call releasePin for each layer. */
  commitImage(img: NewImage): Promise<CommittedImage>;
  /** docker save: a tar of the named images (docker-archive manifest.json + OCI layout). Throws NotFound before streaming. */
  save(names: string[]): AsyncIterable<Buffer>;
  /** docker load: docker-archive or OCI layout tar; messages as they happen. */
  load(src: AsyncIterable<Buffer>, progress: (m: LoadMessage) => void): Promise<void>;
  /** docker commit: a container layer over its image; returns the new image ID. */
  commitContainer(opts: CommitOptions): Promise<string>;
  releasePin(chainId: string): void;

  // ---- maintenance ----
  /** Startup: clear leftovers of interrupted imports and unreferenced blobs/layers. Call before serving. */
  repair(): Promise<void>;
  /** Remove unused layers (e.g. after containers of force-removed images went). */
  gc(): Promise<string[]>;
}
