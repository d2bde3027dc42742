// GET /containers/{id}/logs: reads conmon's log file (never the container's
// pipes), so nobody following costs anything per line written. --tail reads
// backwards from the end, so it answers at once on a gigabyte log.
import { createReadStream, openSync, readSync, closeSync, fstatSync, watch, existsSync } from 'node:fs';
import { invalidArgument } from '../errdefs';
import type { ContainerDeps } from './deps';
import { LineSplitter, dockerTime, parseRecord, timeNanos, type LogRecord } from './logfile';
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
  write(stream: 'stdout' | 'stderr', data: Buffer): void;
  closed(): boolean;
  onClose(cb: () => void): void;
}

/** Byte offset where the last `n` records start, found by reading backwards in blocks. */
export function tailOffset(path: string, n: number): number {
  if (n <= 0) return fstatSafeSize(path);
  const fd = openSync(path, 'r');
  try {
    let pos = fstatSync(fd).size;
    const block = Buffer.alloc(64 * 1024);
    // The file ends with a newline, so the (n+1)th newline from the end
    // closes the record just before the ones we want.
    let newlines = 0;
    while (pos > 0) {
      const len = Math.min(block.length, pos);
      pos -= len;
      readSync(fd, block, 0, len, pos);
      for (let i = len - 1; i >= 0; i--) {
        if (block[i] === 0x0a && ++newlines === n + 1) return pos + i + 1;
      }
    }
    return 0;
  } finally {
    closeSync(fd);
  }
}

function fstatSafeSize(path: string): number {
  const fd = openSync(path, 'r');
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

export function prepareLogs(deps: ContainerDeps, ref: string, opts: LogOptions): { tty: boolean; run: (sink: LogSink) => Promise<void> } {
  if (!opts.stdout && !opts.stderr) throw invalidArgument('Bad parameters: you must choose at least one stream');
  const rec = findContainer(deps.table, ref);
  if (rec.hostConfig.LogConfig.Type === 'none' || !rec.logPath) {
    throw invalidArgument(`configured logging driver does not support reading`);
  }
  const path = rec.logPath;
  const emit = (r: LogRecord, sink: LogSink) => {
    if ((r.stream === 'stdout' && !opts.stdout) || (r.stream === 'stderr' && !opts.stderr)) return;
    if (opts.since !== undefined || opts.until !== undefined) {
      const t = timeNanos(r.time);
      if (opts.since !== undefined && t < opts.since) return;
      if (opts.until !== undefined && t > opts.until) return;
    }
    const parts: Buffer[] = [];
    if (opts.timestamps) parts.push(Buffer.from(dockerTime(r.time) + ' '));
    parts.push(r.content);
    if (!r.partial) parts.push(Buffer.from('\n'));
    sink.write(r.stream, parts.length === 1 ? parts[0] : Buffer.concat(parts));
  };

  const run = async (sink: LogSink) => {
    if (!existsSync(path)) return;
    let offset = opts.tail !== undefined && opts.tail >= 0 ? tailOffset(path, opts.tail) : 0;
    const splitter = new LineSplitter();
    const readFrom = (start: number) =>
      new Promise<number>((resolve, reject) => {
        let pos = start;
        const s = createReadStream(path, { start, highWaterMark: 256 * 1024 });
        s.on('data', (chunk) => {
          const b = chunk as Buffer;
          pos += b.length;
          splitter.push(b, (line) => {
            const r = parseRecord(line);
            if (r) emit(r, sink);
          });
          if (sink.closed()) s.destroy();
        });
        s.on('close', () => resolve(pos));
        s.on('error', reject);
      });
    offset = await readFrom(offset);
    const live = deps.table.get(rec.id);
    if (!opts.follow || !live?.state.Running || sink.closed()) return;

    // Follow: read what is appended until the container exits or the client goes.
    await new Promise<void>((resolve) => {
      let reading = false;
      let again = false;
      let done = false;
      const pump = async () => {
        if (reading) return void (again = true);
        reading = true;
        do {
          again = false;
          offset = await readFrom(offset).catch(() => offset);
        } while (again);
        reading = false;
      };
      const watcher = watch(path, () => void pump());
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
  };
  return { tty: rec.config.Tty, run };
}
