// Docker's multiplexed stdout/stderr stream (logs, attach and exec without a
// TTY): frames of an 8-byte header [stream, 0, 0, 0, size as big-endian u32]
// followed by `size` bytes of payload. Hand-written: it is 40 lines and no
// npm package implements exactly this framing without pulling in dockerode.
import type { Readable, Writable } from 'node:stream';
import { StdStream } from '../api/types';
import { StreamError } from './errors';

export interface Frame {
  stream: number;
  payload: Buffer;
}

export const FRAME_HEADER_SIZE = 8;

/** Incremental frame parser: push arbitrary chunks, get whole frames back. */
export class Demuxer {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: Frame[] = [];
    while (this.buf.length >= FRAME_HEADER_SIZE) {
      const stream = this.buf[0];
      if (stream > StdStream.Systemerr) throw new StreamError(`Unrecognized input header: ${stream}`);
      const size = this.buf.readUInt32BE(4);
      if (this.buf.length < FRAME_HEADER_SIZE + size) break;
      frames.push({ stream, payload: this.buf.subarray(FRAME_HEADER_SIZE, FRAME_HEADER_SIZE + size) });
      this.buf = this.buf.subarray(FRAME_HEADER_SIZE + size);
    }
    return frames;
  }

  /** Bytes held back waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }
}

/** Build one frame (the inverse of Demuxer; for tests and fakes). */
export function encodeFrame(stream: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const head = Buffer.alloc(FRAME_HEADER_SIZE);
  head[0] = stream;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

/**
 * Copy a multiplexed stream to stdout/stderr writers (either may be null to
 * drop that stream). Resolves at end of input; rejects on a Systemerr frame or
 * a corrupt header. Honours back-pressure of the writers.
 */
export function demuxStream(src: Readable, stdout: Writable | null, stderr: Writable | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const d = new Demuxer();
    let done = false;
    const finish = (err?: Error): void => {
      if (done) return;
      done = true;
      src.off('data', onData);
      if (err) reject(err);
      else resolve();
    };
    const onData = (chunk: Buffer): void => {
      let frames: Frame[];
      try {
        frames = d.push(chunk);
      } catch (err) {
        finish(err as Error);
        src.destroy();
        return;
      }
      for (const f of frames) {
        if (f.stream === StdStream.Systemerr) {
          finish(new StreamError(f.payload.toString('utf8')));
          return;
        }
        const target = f.stream === StdStream.Stderr ? stderr : stdout;
        if (target && f.payload.length && !target.write(f.payload)) {
          src.pause();
          target.once('drain', () => src.resume());
        }
      }
    };
    src.on('data', onData);
    src.once('end', () => finish());
    src.once('close', () => finish());
    src.once('error', (err) => finish(err));
  });
}
