// Image wire shapes: list, inspect, history, delete, prune (Engine API v1.47).
import type { ContainerConfig } from './container';

/** One item of GET /images/json. */
export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Created: number;
  Size: number;
  SharedSize: number;
  /** Deprecated in v1.44, kept by some daemons; equal to Size. */
  VirtualSize?: number;
  Labels: Record<string, string> | null;
  Containers: number;
  Manifests?: unknown[];
  Descriptor?: unknown;
}

export interface RootFS {
  Type: string;
  Layers?: string[];
}

/** GET /images/{name}/json */
export interface ImageInspect {
  Id: string;
  Descriptor?: unknown;
  Manifests?: unknown[];
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created?: string;
  DockerVersion?: string;
  Author: string;
  Config: ContainerConfig | null;
  Architecture: string;
  Variant?: string;
  Os: string;
  OsVersion?: string;
  Size: number;
  VirtualSize?: number;
  GraphDriver: { Name: string; Data: Record<string, string> | null };
  RootFS: RootFS;
  Metadata: { LastTagTime?: string | null };
}

/** One item of GET /images/{name}/history */
export interface HistoryResponseItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** One item of DELETE /images/{name} and of ImagesDeleted in prune. */
export interface ImageDeleteResponseItem {
  Untagged?: string;
  Deleted?: string;
}

/** POST /images/prune */
export interface ImagePruneResponse {
  ImagesDeleted: ImageDeleteResponseItem[] | null;
  SpaceReclaimed: number;
}

/** GET /images/search result item. */
export interface ImageSearchResult {
  name: string;
  description: string;
  star_count: number;
  is_official: boolean;
  /** Deprecated by Docker; always false. */
  is_automated: boolean;
}

/** POST /auth body (AuthConfig) and answer. */
export interface AuthConfigBody {
  username?: string;
  password?: string;
  serveraddress?: string;
  email?: string;
  identitytoken?: string;
  registrytoken?: string;
}

export interface AuthResponse {
  Status: string;
  IdentityToken?: string;
}
