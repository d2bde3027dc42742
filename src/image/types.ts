// Image shapes: the OCI image config (what is hashed into the image ID), and
// the Docker Engine API (1.47) shapes the image store returns, so the router
// stays a thin translation.

/** OCI image config `config` object, with Docker's extensions (OnBuild, Healthcheck, Shell). */
export interface ContainerConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  OnBuild?: string[];
  Healthcheck?: unknown;
  Shell?: string[];
  ArgsEscaped?: boolean;
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** application/vnd.oci.image.config.v1+json, plus Docker's top-level extras (comment, parent, docker_version). */
export interface ImageConfig {
  created?: string;
  author?: string;
  architecture: string;
  variant?: string;
  os: string;
  config?: ContainerConfig;
  rootfs: { type: 'layers'; diff_ids: string[] };
  history?: HistoryEntry[];
  comment?: string;
  parent?: string;
  docker_version?: string;
  /** Build steps (classic builder): the container the step ran in and its config, whose Cmd names the instruction. */
  container?: string;
  container_config?: ContainerConfig;
}

// ---- Engine API shapes (assignable to src/api/types/image.ts) ----

import type { ContainerConfig as ApiContainerConfig } from '../api/types/container';

export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[];
  RepoDigests: string[];
  Created: number;
  Size: number;
  SharedSize: number;
  /** null when the image has no labels, as dockerd sends it. */
  Labels: Record<string, string> | null;
  Containers: number;
}

export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  DockerVersion: string;
  Author: string;
  Config: ApiContainerConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  Size: number;
  GraphDriver: { Name: string; Data: Record<string, string> | null };
  RootFS: { Type: string; Layers: string[] };
  Metadata: { LastTagTime: string };
}

export type { HistoryResponseItem as HistoryItem } from '../api/types/image';

export type DeleteItem = { Untagged: string } | { Deleted: string };

export interface PruneReport {
  ImagesDeleted: DeleteItem[] | null;
  SpaceReclaimed: number;
}

// ---- options ----

export interface ImportOptions {
  /** Repository (may include :tag), e.g. busybox or localhost:5000/x:1. */
  repo?: string;
  tag?: string;
  /** Dockerfile-like instructions: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR. */
  changes?: string[];
  /** History comment; default "Imported from -". */
  message?: string;
  /** Where the tar came from, for the default message. */
  source?: string;
}

export interface ListOptions {
  all?: boolean;
  /** Docker filters: dangling, label, reference, before, since, until. */
  filters?: Map<string, string[]>;
}

export interface RemoveOptions {
  force?: boolean;
  noprune?: boolean;
}

export interface PruneOptions {
  /** Remove every unused image, not only dangling ones (same as filter dangling=false). */
  all?: boolean;
  /** dangling, until, label, label! */
  filters?: Map<string, string[]>;
  /** Only images the classic builder made (their config records the step's container_config): the build cache. */
  buildCacheOnly?: boolean;
}

/** Who uses an image; provided by the container layer. */
export type ImageUsers = (imageId: string) => { id: string; running: boolean }[];

/** Events: import, tag, untag, delete, prune (Docker's image actions). */
export type ImageEventFn = (action: string, id: string, attrs: Record<string, string>) => void;

/** One message of a pull/push progress stream (Docker's jsonmessage without the rendered bar). */
export interface ProgressMessage {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: unknown;
}

export type ProgressFn = (m: ProgressMessage) => void;
