// What the image router needs; src/image's ImageStore provides it (the daemon
// passes the store). Nothing HTTP crosses this line.
import type {
  HistoryResponseItem,
  ImageDeleteResponseItem,
  ImageInspect,
  ImagePruneResponse,
  ImageSummary,
} from '../../types/image';

import type { AuthConfig } from '../../../registry';
import type { StreamMessage } from '../../server/jsonstream';

export interface ImageBackend {
  /** Pull from a registry, reporting progress; returns the image ID. */
  pull(
    name: string,
    opts: { tag?: string; platform?: string; allTags?: boolean; auth?: AuthConfig; progress: (m: StreamMessage) => void },
  ): Promise<string>;
  /** Push one tag, or every tag of the repository when none is given. */
  push(name: string, opts: { tag?: string; auth?: AuthConfig; progress: (m: StreamMessage) => void }): Promise<void>;
  /** Import a tar (plain or gzip); returns the new image ID. */
  import(
    body: AsyncIterable<Buffer>,
    opts: { repo?: string; tag?: string; changes: string[]; message?: string; source?: string },
  ): Promise<string>;
  list(opts: { all: boolean; filters: Map<string, string[]> }): Promise<ImageSummary[]>;
  inspect(name: string): Promise<ImageInspect>;
  history(name: string): Promise<HistoryResponseItem[]>;
  tag(name: string, repo: string, tag?: string): Promise<void>;
  remove(name: string, opts: { force: boolean; noprune: boolean }): Promise<ImageDeleteResponseItem[]>;
  prune(opts: { filters: Map<string, string[]> }): Promise<ImagePruneResponse>;
}

export interface ImageArchiveBackend {
  /** Throws (NotFound) before returning when a name is unknown. */
  save(names: string[]): AsyncIterable<Buffer>;
  load(src: AsyncIterable<Buffer>, progress: (m: { stream?: string; status?: string }) => void): Promise<void>;
}
