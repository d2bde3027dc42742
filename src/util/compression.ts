// Layers and `docker import` tarballs arrive plain or compressed; like Docker
// we look at the magic bytes instead of trusting a name or a header.
import { Readable, pipeline } from 'node:stream';
import { invalidArgument } from '../errdefs';
import { lazy } from './lazy';

// node's zlib binding costs an idle berthd ≈0.3 MiB: loaded with the first compressed layer.
const zlib = lazy(() => require('node:zlib') as typeof import('node:zlib'));

const GUNZIP_CHUNK = 256 << 10;

export type Compression = 'none' | 'gzip';

export function detectCompression(head: Buffer): Compression | 'bzip2' | 'xz' | 'zstd' {
  if (head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08) return 'gzip';
  if (head.length >= 3 && head.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2';
  if (head.length >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/**
 * Peeks at the first bytes of `src` and returns the decompressed byte stream.
 * Node 20 has no bzip2/xz/zstd, so those are refused with a clear message.
 */
export async function decompress(
  src: AsyncIterable<Buffer>,
): Promise<{ stream: AsyncIterable<Buffer>; compression: Compression }> {
  const it = src[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let len = 0;
  let done = false;
  while (len < 6) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    chunks.push(b);
    len += b.length;
  }
  const head = Buffer.concat(chunks);
  const kind = detectCompression(head);
  if (kind !== 'none' && kind !== 'gzip') {
    await it.return?.();
    throw invalidArgument(`unsupported compression ${kind}: use an uncompressed or gzip-compressed tar`);
  }
  async function* whole(): AsyncGenerator<Buffer> {
    try {
      if (head.length) yield head;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
      }
    } finally {
      // A consumer that stops early (a failed extraction) closes the source too.
      if (!done) await it.return?.();
    }
  }
  if (kind === 'none') return { stream: whole(), compression: 'none' };
  // 256 KiB out per chunk instead of zlib's 16 KiB: every chunk costs a
  // threadpool round trip here and a parse, a hash update and a write
  // downstream, so a layer in 16 KiB pieces spends its time on overhead.
  const gunzip = zlib().createGunzip({ chunkSize: GUNZIP_CHUNK });
  // pipeline forwards an error from either side to the other and to our reader.
  pipeline(Readable.from(whole()), gunzip, () => {});
  return { stream: gunzip, compression: 'gzip' };
}
