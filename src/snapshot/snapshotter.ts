// The snapshotter contract, after containerd's core/snapshots. A snapshot is a
// directory tree identified by a key:
//
//   active     — writable, made by prepare(key, parent?); becomes committed
//                with commit(name, key). Containers' rootfs and layers being
//                unpacked are active snapshots.
//   view       — read-only, made by view(key, parent?); never committed.
//   committed  — immutable, the parent of actives/views. Image layers are
//                committed snapshots named by their OCI chainID.
//
// Rules every implementation keeps:
//  - It never mounts anything: prepare/view/mounts return Mount[] that the
//    caller mounts (src/sys/mount.ts) where it wants.
//  - Parents must be committed; a snapshot with children cannot be removed
//    (Conflict); keys are unique (Conflict); unknown keys are NotFound.
//  - Each change of records is atomic; a crash leaves either the old or the
//    new state and no directory without a record after restart.
import type { Mount } from '../sys/mount';

export type { Mount };

export type Kind = 'active' | 'view' | 'committed';

export interface Info {
  /** The key (active/view) or the committed name. */
  name: string;
  /** Name of the committed parent, if any. */
  parent?: string;
  kind: Kind;
  labels: Record<string, string>;
  created: string;
  updated: string;
}

export interface Usage {
  /** Bytes of the snapshot's own files (not its parents'); hardlinks counted once; directories not counted, like Docker. */
  size: number;
  inodes: number;
}

export interface SnapshotOptions {
  labels?: Record<string, string>;
}

export interface CommitOptions extends SnapshotOptions {
  /**
   * The committed parent for an active snapshot prepared without one whose
   * own files do not depend on it: a layer unpacked (into its diff dir)
   * while the layer below was still arriving. Refused for a snapshot that
   * has a parent already.
   */
  parent?: string;
}

export interface Snapshotter {
  stat(key: string): Promise<Info>;
  /** New active snapshot on top of `parent` (committed) or empty. */
  prepare(key: string, parent?: string, opts?: SnapshotOptions): Promise<Mount[]>;
  /** New read-only snapshot of `parent` (committed) or empty. */
  view(key: string, parent?: string, opts?: SnapshotOptions): Promise<Mount[]>;
  /** The mounts of an active or view snapshot (again). */
  mounts(key: string): Promise<Mount[]>;
  /** Turns active `key` into committed `name`. */
  commit(name: string, key: string, opts?: CommitOptions): Promise<void>;
  /** Removes a snapshot without children and its directory. */
  remove(key: string): Promise<void>;
  /** Disk usage of the snapshot's own layer (the upper dir for an active one). */
  usage(key: string): Promise<Usage>;
  /** The directory holding the snapshot's own files (overlay upperdir), e.g. to extract a layer into or to diff. */
  diffDir(key: string): Promise<string>;
  list(): Promise<Info[]>;
}
