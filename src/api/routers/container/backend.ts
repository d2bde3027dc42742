// What the container router needs from the daemon; the container package
// provides it (wired in daemon/). Nothing HTTP crosses this line.
import type { Duplex } from 'node:stream';

// The log request and sink are the container package's own types: the
// router only translates query parameters into them.
export type { LogOptions as LogsQuery, LogSink as LogWriter } from '../../../container/logs';
import type { LogOptions as LogsQuery, LogSink as LogWriter } from '../../../container/logs';

export interface ContainerBackend {
  create(body: unknown, name: string | undefined): Promise<{ Id: string; Warnings: string[] }>;
  list(opts: { all: boolean; limit?: number; size: boolean; filters: Map<string, string[]> }): Promise<unknown[]>;
  inspect(ref: string, size: boolean): Promise<unknown>;
  start(ref: string): Promise<void>;
  stop(ref: string, opts: { timeout?: number; signal?: string }): Promise<void>;
  restart(ref: string, opts: { timeout?: number; signal?: string }): Promise<void>;
  kill(ref: string, signal?: string): Promise<void>;
  /** Validates now; the returned promise is the wait itself. */
  wait(ref: string, condition: string | null): Promise<number>;
  remove(ref: string, opts: { force: boolean; volumes: boolean }): Promise<void>;
  /** DELETE ...?link=true: drops the legacy link named "parent/alias". */
  removeLink(ref: string): void;
  /** "parent/alias" → the linked container's id (a link name is a name of it); undefined when none. */
  resolveLinkName(ref: string): string | undefined;
  rename(ref: string, name: string | null): void;
  logs(ref: string, q: LogsQuery): { tty: boolean; run: (w: LogWriter) => Promise<void> };
  /** Resolves the container (404 before hijack) and returns a function that attaches a client. */
  attach(ref: string, opts: { stdin: boolean; stdout: boolean; stderr: boolean; detachKeys?: string; logs: boolean; stream: boolean; raw?: boolean }): (client: Duplex) => void;
  resize(ref: string, h: number, w: number): Promise<void>;
  update(ref: string, body: unknown): Promise<{ Warnings: string[] }>;
  pause(ref: string): Promise<void>;
  unpause(ref: string): Promise<void>;
  top(ref: string, psArgs: string | null): Promise<unknown>;
  /** Resolves the container at once (404 before any byte); the frames follow. */
  stats(ref: string, opts: { stream: boolean; oneShot: boolean; signal: AbortSignal }): AsyncIterable<unknown>;
  prune(filters: Map<string, string[]>): Promise<{ ContainersDeleted: string[]; SpaceReclaimed: number }>;
}

/** The X-Docker-Container-Path-Stat value. */
export interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

export interface ContainerFilesBackend {
  statPath(ref: string, path: string): Promise<PathStat>;
  /** `send` runs while the container's filesystem is held. */
  getArchive(ref: string, path: string, send: (stat: PathStat, tar: AsyncIterable<Buffer>) => Promise<void>): Promise<void>;
  changes(ref: string): Promise<{ Path: string; Kind: number }[]>;
  export(ref: string, send: (tar: AsyncIterable<Buffer>) => Promise<void>): Promise<void>;
  commit(
    ref: string,
    q: { repo?: string; tag?: string; author?: string; comment?: string; changes: string[]; pause: boolean; config?: Record<string, unknown> },
  ): Promise<string>;
  putArchive(ref: string, path: string, body: AsyncIterable<Buffer>, opts: { noOverwriteDirNonDir: boolean; copyUIDGID: boolean }): Promise<void>;
}
