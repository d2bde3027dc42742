// /containers/... endpoints.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type {
  ContainerCreateRequest,
  ContainerCreateResponse,
  ContainerInspectResponse,
  ContainerPruneResponse,
  ContainerSummary,
  ContainerWaitResponse,
  FiltersArgs,
  WaitCondition,
} from '../api/types';
import type { Client } from './client';
import { readAll } from './transport';
import type { HijackedStream } from './hijack';
import { encodeFilters, pathSegment } from './query';

export interface ListOptions {
  all?: boolean;
  limit?: number;
  size?: boolean;
  filters?: FiltersArgs | Map<string, string[]>;
}

export interface StopOptions {
  signal?: string;
  /** seconds before SIGKILL; undefined lets the daemon decide */
  timeout?: number;
}

export interface RemoveOptions {
  force?: boolean;
  volumes?: boolean;
  link?: boolean;
}

export interface LogsOptions {
  follow?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  since?: string;
  until?: string;
  timestamps?: boolean;
  details?: boolean;
  tail?: string;
  signal?: AbortSignal;
}

export interface AttachOptions {
  stream?: boolean;
  stdin?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  logs?: boolean;
  detachKeys?: string;
  signal?: AbortSignal;
}

export interface ContainerTopResponse {
  Titles: string[];
  Processes: string[][];
}

const p = (id: string): string => `/containers/${pathSegment(id)}`;

export class ContainersAPI {
  constructor(private readonly c: Client) {}

  create(body: ContainerCreateRequest, opts: { name?: string; platform?: string } = {}): Promise<ContainerCreateResponse> {
    return this.c.json('POST', '/containers/create', { body, query: { name: opts.name || undefined, platform: opts.platform || undefined } });
  }

  list(opts: ListOptions = {}): Promise<ContainerSummary[]> {
    return this.c.json('GET', '/containers/json', {
      query: {
        all: opts.all,
        limit: opts.limit !== undefined && opts.limit > 0 ? opts.limit : undefined,
        size: opts.size,
        filters: encodeFilters(opts.filters),
      },
    });
  }

  inspect(id: string, opts: { size?: boolean } = {}): Promise<ContainerInspectResponse> {
    return this.c.json('GET', `${p(id)}/json`, { query: { size: opts.size } });
  }

  /** The inspect answer as the daemon sent it (docker inspect prints it verbatim). */
  inspectRaw(id: string, opts: { size?: boolean } = {}): Promise<Buffer> {
    return this.c.buffer('GET', `${p(id)}/json`, { query: { size: opts.size } });
  }

  start(id: string, opts: { detachKeys?: string } = {}): Promise<void> {
    return this.c.empty('POST', `${p(id)}/start`, { query: { detachKeys: opts.detachKeys } });
  }

  stop(id: string, opts: StopOptions = {}): Promise<void> {
    return this.c.empty('POST', `${p(id)}/stop`, { query: { signal: opts.signal, t: opts.timeout } });
  }

  restart(id: string, opts: StopOptions = {}): Promise<void> {
    return this.c.empty('POST', `${p(id)}/restart`, { query: { signal: opts.signal, t: opts.timeout } });
  }

  kill(id: string, signal?: string): Promise<void> {
    return this.c.empty('POST', `${p(id)}/kill`, { query: { signal: signal || undefined } });
  }

  wait(id: string, condition?: WaitCondition, signal?: AbortSignal): Promise<ContainerWaitResponse> {
    return this.c.json('POST', `${p(id)}/wait`, { query: { condition }, signal });
  }

  /**
   * Start waiting: resolves once the daemon has answered the request head
   * (docker's daemon sends it as soon as the wait is registered), with the
   * eventual result. Lets `run` be sure the wait is in place before start.
   */
  async waitStarted(
    id: string,
    condition?: WaitCondition,
    signal?: AbortSignal,
  ): Promise<{ result: Promise<ContainerWaitResponse> }> {
    const res = await this.c.call('POST', `${p(id)}/wait`, { query: { condition }, signal });
    const result = readAll(res).then((buf) => {
      const text = buf.toString('utf8').trim();
      if (!text) throw new Error('empty answer from the daemon while waiting for the container');
      return JSON.parse(text) as ContainerWaitResponse;
    });
    return { result };
  }

  remove(id: string, opts: RemoveOptions = {}): Promise<void> {
    return this.c.empty('DELETE', p(id), { query: { force: opts.force, v: opts.volumes, link: opts.link } });
  }

  rename(id: string, name: string): Promise<void> {
    return this.c.empty('POST', `${p(id)}/rename`, { query: { name } });
  }

  /** New limits and restart policy; the daemon applies them at once. */
  update(id: string, body: Record<string, unknown>): Promise<{ Warnings: string[] | null }> {
    return this.c.json('POST', `${p(id)}/update`, { body });
  }

  pause(id: string): Promise<void> {
    return this.c.empty('POST', `${p(id)}/pause`);
  }

  unpause(id: string): Promise<void> {
    return this.c.empty('POST', `${p(id)}/unpause`);
  }

  /** The container's processes; `psArgs` are joined with spaces into ps_args, as docker does. */
  top(id: string, psArgs: string[] = []): Promise<ContainerTopResponse> {
    return this.c.json('GET', `${p(id)}/top`, { query: { ps_args: psArgs.length ? psArgs.join(' ') : undefined } });
  }

  /** GET /containers/{id}/stats: the raw body, one JSON frame per line (see readJSONStream). Each on its own connection, so stats of many containers are read all at once. */
  stats(id: string, opts: { stream?: boolean; oneShot?: boolean; signal?: AbortSignal } = {}): Promise<IncomingMessage> {
    return this.c.call('GET', `${p(id)}/stats`, { query: { stream: opts.stream === false ? '0' : '1', 'one-shot': opts.oneShot }, signal: opts.signal, longLived: true });
  }

  resize(id: string, height: number, width: number): Promise<void> {
    return this.c.empty('POST', `${p(id)}/resize`, { query: { h: height, w: width } });
  }

  /** The log stream: multiplexed without a TTY, raw with one. */
  logs(id: string, opts: LogsOptions = {}): Promise<IncomingMessage> {
    return this.c.call('GET', `${p(id)}/logs`, {
      query: {
        stdout: opts.stdout ?? true,
        stderr: opts.stderr ?? true,
        follow: opts.follow,
        since: opts.since,
        until: opts.until,
        timestamps: opts.timestamps,
        details: opts.details,
        tail: opts.tail,
      },
      signal: opts.signal,
    });
  }

  /** Hijack the container's stdio. Call before start to see all output. */
  attach(id: string, opts: AttachOptions = {}): Promise<HijackedStream> {
    return this.c.hijack(
      `${p(id)}/attach`,
      {
        stream: opts.stream ?? true,
        stdin: opts.stdin,
        stdout: opts.stdout,
        stderr: opts.stderr,
        logs: opts.logs,
        detachKeys: opts.detachKeys,
      },
      opts.signal,
    );
  }

  prune(filters?: FiltersArgs | Map<string, string[]>): Promise<ContainerPruneResponse> {
    return this.c.json('POST', '/containers/prune', { query: { filters: encodeFilters(filters) } });
  }

  /** HEAD /containers/{id}/archive: the X-Docker-Container-Path-Stat of a path. */
  async statPath(id: string, path: string): Promise<ContainerPathStat> {
    const res = await this.c.call('HEAD', `${p(id)}/archive`, { query: { path } });
    res.resume();
    return decodePathStat(res.headers['x-docker-container-path-stat']);
  }

  /** GET /containers/{id}/archive: a tar of the path and its stat. */
  async getArchive(id: string, path: string): Promise<{ stat: ContainerPathStat; body: IncomingMessage }> {
    const res = await this.c.call('GET', `${p(id)}/archive`, { query: { path } });
    return { stat: decodePathStat(res.headers['x-docker-container-path-stat']), body: res };
  }

  /** PUT /containers/{id}/archive: extract a tar into a directory of the container. */
  putArchive(id: string, path: string, tar: Readable, opts: { copyUIDGID?: boolean; noOverwriteDirNonDir?: boolean } = {}): Promise<void> {
    return this.c.empty('PUT', `${p(id)}/archive`, {
      query: { path, noOverwriteDirNonDir: opts.noOverwriteDirNonDir ?? true, copyUIDGID: opts.copyUIDGID },
      body: tar,
      headers: { 'Content-Type': 'application/x-tar' },
    });
  }

  /** GET /containers/{id}/changes. */
  async changes(id: string): Promise<{ Path: string; Kind: number }[]> {
    return (await this.c.json<{ Path: string; Kind: number }[] | null>('GET', `${p(id)}/changes`)) ?? [];
  }

  /** GET /containers/{id}/export: the container's filesystem as a tar stream. */
  export(id: string): Promise<IncomingMessage> {
    return this.c.call('GET', `${p(id)}/export`);
  }

  /** POST /commit. */
  commit(
    id: string,
    opts: { repo?: string; tag?: string; author?: string; comment?: string; changes?: string[]; pause?: boolean; config?: Record<string, unknown> } = {},
  ): Promise<{ Id: string }> {
    return this.c.json('POST', '/commit', {
      query: {
        container: id,
        repo: opts.repo || undefined,
        tag: opts.tag || undefined,
        author: opts.author || undefined,
        comment: opts.comment || undefined,
        changes: opts.changes?.length ? opts.changes : undefined,
        pause: opts.pause,
      },
      body: opts.config ?? {},
    });
  }
}

export interface ContainerPathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

function decodePathStat(h: string | string[] | undefined): ContainerPathStat {
  const v = Array.isArray(h) ? h[0] : h;
  if (!v) throw new Error('unable to decode container path stat header: missing header');
  return JSON.parse(Buffer.from(v, 'base64').toString('utf8')) as ContainerPathStat;
}
