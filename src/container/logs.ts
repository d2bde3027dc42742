// GET /containers/{id}/logs: reads conmon's log files (never the container's
// pipes), so nobody following costs anything per line written. --tail reads
// backwards from the end, so it answers at once on a gigabyte log. Rotated
// files (container.log.N, see logrotate.ts) are read oldest first, and a
// follower that sees the live file replaced finishes the old one first.
import { closeSync, fstatSync, openSync, promises as fsp, readSync, statSync, watch } from 'node:fs';
import { dirname } from 'node:path';
import { invalidArgument } from '../errdefs';
import type { ContainerDeps } from './deps';
import { LineSplitter, dockerTime, parseRecord, timeNanos, type LogRecord } from './logfile';
import { logAttributes } from './logopts';
import { logFiles } from './logrotate';
import { findContainer } from './resolve';

export interface LogOptions {
  stdout: boolean;
  stderr: boolean;
  follow: boolean;
  tail?: number;
  since?: bigint;
  until?: bigint;
  timestamps: boolean;
  details: boolean;
}

export interface LogSink {
  /** One log message (one frame on a multiplexed stream). */
  write(stream: 'stdout' | 'stderr', data: Buffer): void;
  /**
   * The end of a run of messages: a sink that gathers them writes them out
   * now. A promise means the client is behind: the reader waits for it
   * before it reads on, so a slow client never has the whole file buffered.
   */
  flush?(): void | Promise<void>;
  closed(): boolean;
  onClose(cb: () => void): void;
}

/**
 * Where the last `n` records of a file start, found by reading backwards in
 * blocks, and how many records that covers (fewer than n when the file is short).
 */
export function tailOffset(path: string, n: number): { offset: number; records: number } {
  const fd = openSync(path, 'r');
  try {
    let pos = fstatSync(fd).size;
    if (n <= 0) return { offset: pos, records: 0 };
    const block = Buffer.alloc(64 * 1024);
    // Records end with a newline, so the (n+1)th newline from the end
    // closes the record just before the ones we want.
    let newlines = 0;
    while (pos > 0) {
      const len = Math.min(block.length, pos);
      pos -= len;
      readSync(fd, block, 0, len, pos);
      for (let i = len - 1; i >= 0; i--) {
        if (block[i] === 0x0a && ++newlines === n + 1) return { offset: pos + i + 1, records: n };
      }
    }
    return { offset: 0, records: newlines };
  } finally {
    closeSync(fd);
  }
}

/** The file and offset to start from so that exactly the last `n` records (over all files) follow. */
export function tailStart(files: string[], n: number): { index: number; offset: number } {
  let need = n;
  for (let i = files.length - 1; i >= 0; i--) {
    let t;
    try {
      t = tailOffset(files[i], need);
    } catch {
      continue; // rotated away meanwhile
    }
    if (t.records >= need) return { index: i, offset: t.offset };
    need -= t.records;
  }
  return { index: 0, offset: 0 };
}

const NEWLINE = Buffer.from('\n');
const BATCH_BYTES = 64 * 1024;

/**
 * Records go to the sink one message each (dockerd writes a frame per log
 * message, and docker-py's follow yields a frame per chunk), but are handed
 * over in runs: the sink may gather a run into one socket write
 * (LogSink.flush), so a million short lines still cost a few hundred writes.
 */
class Batch {
  private parts: Buffer[] = [];
  private msgs: ['stdout' | 'stderr', Buffer][] = [];
  private size = 0;
  constructor(private readonly sink: LogSink) {}

  /** Part of the current record (timestamp, details, content, newline). */
  add(b: Buffer): void {
    this.parts.push(b);
  }

  endRecord(stream: 'stdout' | 'stderr'): void {
    const msg = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    this.parts = [];
    this.msgs.push([stream, msg]);
    this.size += msg.length;
    if (this.size >= BATCH_BYTES) this.flush();
  }

  flush(): void | Promise<void> {
    if (!this.msgs.length) return;
    for (const [stream, msg] of this.msgs) this.sink.write(stream, msg);
    this.msgs = [];
    this.size = 0;
    return this.sink.flush?.();
  }
}

const inode = (p: string): number | null => {
  try {
    return statSync(p).ino;
  } catch {
    return null;
  }
};

export function prepareLogs(deps: ContainerDeps, ref: string, opts: LogOptions): { tty: boolean; run: (sink: LogSink) => Promise<void> } {
  if (!opts.stdout && !opts.stderr) throw invalidArgument('Bad parameters: you must choose at least one stream');
  const rec = findContainer(deps.table, ref);
  if (rec.hostConfig.LogConfig.Type === 'none' || !rec.logPath) {
    throw invalidArgument(`configured logging driver does not support reading`);
  }
  const path = rec.logPath;
  // Docker puts the attributes (and a space) before every line with --details.
  const details = opts.details ? Buffer.from(logAttributes(rec.hostConfig.LogConfig.Config ?? {}, rec.config.Labels ?? {}, rec.config.Env ?? []) + ' ') : null;
  const run = async (sink: LogSink) => {
    const batch = new Batch(sink);
    const emit = (r: LogRecord) => {
      if ((r.stream === 'stdout' && !opts.stdout) || (r.stream === 'stderr' && !opts.stderr)) return;
      if (opts.since !== undefined || opts.until !== undefined) {
        const t = timeNanos(r.time);
        if (opts.since !== undefined && t < opts.since) return;
        if (opts.until !== undefined && t > opts.until) return;
      }
      if (opts.timestamps) batch.add(Buffer.from(dockerTime(r.time) + ' '));
      if (details) batch.add(details);
      batch.add(r.content);
      if (!r.partial) batch.add(NEWLINE);
      batch.endRecord(r.stream);
    };
    const splitter = new LineSplitter();
    const onLine = (line: Buffer) => {
      const r = parseRecord(line);
      if (r) emit(r);
    };
    /** Reads fh from `pos` to its current end; returns the new position. */
    const drain = async (fh: fsp.FileHandle, pos: number): Promise<number> => {
      for (;;) {
        // A fresh buffer per read: the sink may hold on to what it is given.
        const buf = Buffer.allocUnsafe(256 * 1024);
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (!bytesRead) return pos;
        pos += bytesRead;
        splitter.push(buf.subarray(0, bytesRead), onLine);
        await batch.flush();
        if (sink.closed()) return pos;
      }
    };

    const files = logFiles(path);
    if (!files.length) return;
    const start = opts.tail !== undefined && opts.tail >= 0 ? tailStart(files, opts.tail) : { index: 0, offset: 0 };
    // Older files, read whole (from the tail's start in the first).
    for (let i = start.index; i < files.length - 1 && !sink.closed(); i++) {
      const fh = await fsp.open(files[i], 'r').catch(() => null);
      if (!fh) continue;
      try {
        await drain(fh, i === start.index ? start.offset : 0);
      } finally {
        await fh.close();
      }
    }
    const livePath = files[files.length - 1];
    let fh = await fsp.open(livePath, 'r').catch(() => null);
    if (!fh) return;
    let offset = start.index === files.length - 1 ? start.offset : 0;
    try {
      offset = await drain(fh, offset);
      const live = deps.table.get(rec.id);
      if (livePath !== path || !opts.follow || !live?.state.Running || sink.closed()) return;

      // Follow until the container exits or the client goes. The directory
      // is watched, not the file: rotation replaces the file.
      await new Promise<void>((resolve) => {
        let again = false;
        let done = false;
        let running: Promise<void> | null = null;
        // One reader at a time; a call while one runs makes it loop once
        // more and waits for it, so finish() sees everything read.
        const pump = (): Promise<void> => {
          if (running) {
            again = true;
            return running;
          }
          running = (async () => {
            try {
              do {
                again = false;
                offset = await drain(fh!, offset);
                const ino = inode(path);
                if (ino !== null && ino !== (await fh!.stat()).ino) {
                  // Rotated: conmon closed the old file before making the
                  // new one, so after this drain the old one is read whole.
                  offset = await drain(fh!, offset);
                  const next = await fsp.open(path, 'r').catch(() => null);
                  if (next) {
                    await fh!.close();
                    fh = next;
                    offset = 0;
                    again = true;
                  }
                }
              } while (again && !sink.closed());
            } catch {
              /* a vanished file ends nothing: the next event retries */
            } finally {
              running = null;
            }
          })();
          return running;
        };
        const watcher = watch(dirname(path), () => void pump());
        const finish = async () => {
          if (done) return;
          done = true;
          watcher.close();
          await pump();
          resolve();
        };
        void deps.hub.nextExit(rec.id).then(() => setTimeout(() => void finish(), 20));
        sink.onClose(() => void finish());
        void pump();
      });
    } finally {
      await fh?.close().catch(() => {});
    }
  };
  return { tty: rec.config.Tty, run };
}
