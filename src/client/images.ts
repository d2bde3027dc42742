// /images/... endpoints.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type {
  FiltersArgs,
  HistoryResponseItem,
  ImageDeleteResponseItem,
  ImageInspect,
  ImagePruneResponse,
  ImageSearchResult,
  ImageSummary,
} from '../api/types';
import type { Client } from './client';
import { encodeFilters, pathSegment } from './query';

export interface ImageListOptions {
  all?: boolean;
  digests?: boolean;
  sharedSize?: boolean;
  filters?: FiltersArgs | Map<string, string[]>;
}

export interface ImportOptions {
  /** "-" to stream `body`, or a URL for the daemon to fetch. */
  fromSrc: string;
  /** "repo" or "repo:tag" (docker sends both in `repo`). */
  repo?: string;
  tag?: string;
  message?: string;
  changes?: string[];
  platform?: string;
}

const p = (name: string): string => `/images/${pathSegment(name)}`;

export class ImagesAPI {
  constructor(private readonly c: Client) {}

  list(opts: ImageListOptions = {}): Promise<ImageSummary[]> {
    return this.c.json('GET', '/images/json', {
      query: { all: opts.all, digests: opts.digests, 'shared-size': opts.sharedSize, filters: encodeFilters(opts.filters) },
    });
  }

  inspect(name: string): Promise<ImageInspect> {
    return this.c.json('GET', `${p(name)}/json`);
  }

  inspectRaw(name: string): Promise<Buffer> {
    return this.c.buffer('GET', `${p(name)}/json`);
  }

  history(name: string, opts: { platform?: string } = {}): Promise<HistoryResponseItem[]> {
    return this.c.json('GET', `${p(name)}/history`, { query: { platform: opts.platform } });
  }

  remove(name: string, opts: { force?: boolean; noPrune?: boolean } = {}): Promise<ImageDeleteResponseItem[]> {
    return this.c.json('DELETE', p(name), { query: { force: opts.force, noprune: opts.noPrune } });
  }

  tag(name: string, repo: string, tag?: string): Promise<void> {
    return this.c.empty('POST', `${p(name)}/tag`, { query: { repo, tag: tag || undefined } });
  }

  prune(filters?: FiltersArgs | Map<string, string[]>): Promise<ImagePruneResponse> {
    return this.c.json('POST', '/images/prune', { query: { filters: encodeFilters(filters) } });
  }

  /**
   * POST /images/create?fromSrc=...: import a rootfs tarball, streamed from
   * `body` when fromSrc is "-". Resolves with the JSON progress stream.
   */
  import(body: Readable | undefined, opts: ImportOptions): Promise<IncomingMessage> {
    return this.c.call('POST', '/images/create', {
      query: {
        fromSrc: opts.fromSrc,
        repo: opts.repo || undefined,
        tag: opts.tag || undefined,
        message: opts.message || undefined,
        changes: opts.changes && opts.changes.length ? opts.changes : undefined,
        platform: opts.platform || undefined,
      },
      body,
      headers: body ? { 'Content-Type': 'text/plain' } : undefined,
    });
  }

  /** POST /images/{name}/push; resolves with the JSON progress stream. */
  push(name: string, opts: { tag?: string; registryAuth?: string } = {}): Promise<IncomingMessage> {
    return this.c.call('POST', `${p(name)}/push`, {
      query: { tag: opts.tag || undefined },
      headers: { 'X-Registry-Auth': opts.registryAuth ?? 'e30=' },
    });
  }

  /** GET /images/search */
  search(term: string, opts: { limit?: number; filters?: FiltersArgs | Map<string, string[]>; registryAuth?: string } = {}): Promise<ImageSearchResult[]> {
    return this.c.json('GET', '/images/search', {
      query: { term, limit: opts.limit, filters: encodeFilters(opts.filters) },
      headers: opts.registryAuth ? { 'X-Registry-Auth': opts.registryAuth } : undefined,
    });
  }

  /** POST /images/create?fromImage=...: pull (every tag when neither name nor `tag` has one); resolves with the JSON progress stream. */
  pull(image: string, opts: { tag?: string; platform?: string; registryAuth?: string } = {}): Promise<IncomingMessage> {
    return this.c.call('POST', '/images/create', {
      query: { fromImage: image, tag: opts.tag || undefined, platform: opts.platform || undefined },
      headers: { 'X-Registry-Auth': opts.registryAuth ?? 'e30=' },
    });
  }

  /** GET /images/get?names=…: a tar (docker save) of the images. */
  save(names: string[]): Promise<IncomingMessage> {
    return this.c.call('GET', '/images/get', { query: { names } });
  }

  /** POST /images/load: a docker-archive or OCI layout tar; resolves with the JSON message stream. */
  load(body: Readable, opts: { quiet?: boolean } = {}): Promise<IncomingMessage> {
    return this.c.call('POST', '/images/load', { query: { quiet: opts.quiet }, body, headers: { 'Content-Type': 'application/x-tar' } });
  }

  /** POST /build (classic builder): the context tar as the body; resolves with the JSON message stream. */
  build(context: Readable, opts: BuildImageOptions): Promise<IncomingMessage> {
    return this.c.call('POST', '/build', {
      query: {
        t: opts.tags.length ? opts.tags : undefined,
        dockerfile: opts.dockerfile || undefined,
        buildargs: Object.keys(opts.buildArgs).length ? JSON.stringify(opts.buildArgs) : undefined,
        labels: Object.keys(opts.labels).length ? JSON.stringify(opts.labels) : undefined,
        target: opts.target || undefined,
        nocache: opts.noCache || undefined,
        pull: opts.pull || undefined,
        q: opts.quiet || undefined,
        rm: opts.rm ? undefined : '0',
        forcerm: opts.forceRm || undefined,
        platform: opts.platform || undefined,
        version: '1',
      },
      body: context,
      headers: { 'Content-Type': 'application/x-tar' },
    });
  }
}

export interface BuildImageOptions {
  tags: string[];
  dockerfile?: string;
  buildArgs: Record<string, string | null>;
  labels: Record<string, string>;
  target?: string;
  noCache?: boolean;
  pull?: boolean;
  quiet?: boolean;
  rm: boolean;
  forceRm?: boolean;
  platform?: string;
}
