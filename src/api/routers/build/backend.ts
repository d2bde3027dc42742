// What the build router needs from the daemon. Nothing HTTP crosses this line.
import type { AuthConfig } from '../../../registry';

export interface BuildQuery {
  tags: string[];
  dockerfile: string;
  buildArgs: Record<string, string | null>;
  target?: string;
  noCache: boolean;
  pull: boolean;
  labels: Record<string, string>;
  quiet: boolean;
  rm: boolean;
  forceRm: boolean;
  platform?: string;
  /** X-Registry-Config: credentials by registry (docker.io as https://index.docker.io/v1/). */
  authConfigs?: Record<string, AuthConfig>;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
  /** networkmode and extrahosts: the RUN containers' network and extra /etc/hosts entries. */
  runHost?: { NetworkMode?: string; ExtraHosts?: string[] };
}

/** One JSON message of the build stream: {"stream"}, pull progress, {"aux"}. */
export type BuildStreamMessage = Record<string, unknown>;

export interface BuildBackend {
  /** Checks the query before the stream starts (a bad tag is a 400). */
  check(q: BuildQuery): void;
  /** Runs the build over the context tar; messages as they happen; returns the image ID. */
  build(context: AsyncIterable<Buffer>, q: BuildQuery, emit: (m: BuildStreamMessage) => void): Promise<string>;
  /** POST /build/prune: the classic build cache is the dangling images builds made. */
  prune(filters: Map<string, string[]>, all: boolean): Promise<{ CachesDeleted: string[] | null; SpaceReclaimed: number }>;
}
