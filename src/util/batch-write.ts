// Many small chunks written to a file as few large writes. Every fs call is
// a threadpool round trip plus a promise on the event loop (≈15 µs), and a
// pull hands over 16–64 KiB pieces: 200 MB came to ~25,000 such calls, a
// tenth of the event loop's time during a pull. The chunks are written as
// they are (writev), never copied together.
import type { FileHandle } from 'node:fs/promises';

export class BatchWriter {
  private pending: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly fh: FileHandle,
    private readonly limit = 1 << 20,
  ) {}

  /** Queues `buf` (which must not change afterwards); writes once `limit` bytes are queued. */
  async write(buf: Buffer): Promise<void> {
    if (!buf.length) return;
    this.pending.push(buf);
    this.size += buf.length;
    if (this.size >= this.limit) await this.flush();
  }

  /** Writes everything queued. Call before closing or syncing the file. */
  async flush(): Promise<void> {
    let bufs = this.pending;
    let left = this.size;
    this.pending = [];
    this.size = 0;
    while (left > 0) {
      const { bytesWritten } = await this.fh.writev(bufs);
      left -= bytesWritten;
      if (left > 0) bufs = after(bufs, bytesWritten);
    }
  }
}

/** What is left of `bufs` once `n` bytes of them were written (a short write). */
export function after(bufs: Buffer[], n: number): Buffer[] {
  let i = 0;
  while (i < bufs.length && n >= bufs[i].length) n -= bufs[i++].length;
  const rest = bufs.slice(i);
  if (n && rest.length) rest[0] = rest[0].subarray(n);
  return rest;
}
