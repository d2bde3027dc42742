// ContentStore on a local directory:
//   <root>/blobs/sha256/<hex>   committed blobs (read-only files)
//   <root>/ingest/<random>      blobs being written; removed on failure and at startup
import { createReadStream, mkdirSync, readdirSync, rmSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { invalidArgument, notFound } from '../errdefs';
import { digestHex, isDigest } from '../util/digest';
import { StreamDigester } from '../util/stream-digest';
import { fsyncDir } from '../util/atomic';
import { BatchWriter } from '../util/batch-write';
import type { BlobInfo, ContentStore, Expected } from './store';

export function createLocalContentStore(root: string): ContentStore {
  const blobsDir = path.join(root, 'blobs', 'sha256');
  const ingestDir = path.join(root, 'ingest');
  mkdirSync(blobsDir, { recursive: true, mode: 0o700 });
  mkdirSync(ingestDir, { recursive: true, mode: 0o700 });
  // Leftovers of ingests interrupted by a crash: never visible, just garbage.
  for (const f of readdirSync(ingestDir)) rmSync(path.join(ingestDir, f), { force: true, recursive: true });

  const blobPath = (digest: string): string => path.join(blobsDir, digestHex(digest));

  async function ingest(
    src: AsyncIterable<Buffer> | NodeJS.ReadableStream,
    expected: Expected = {},
  ): Promise<BlobInfo> {
    if (expected.digest !== undefined) {
      if (!isDigest(expected.digest)) throw invalidArgument(`invalid digest "${expected.digest}"`);
      if (await exists(expected.digest)) {
        // Already verified once; drain the source so the caller's stream completes.
        for await (const _ of src as AsyncIterable<Buffer>) {
          // discard
        }
        return info(expected.digest);
      }
    }
    const tmp = path.join(ingestDir, randomBytes(12).toString('hex'));
    const fh = await fsp.open(tmp, 'wx', 0o600);
    const d = new StreamDigester();
    const out = new BatchWriter(fh);
    try {
      try {
        for await (const chunk of src as AsyncIterable<Buffer>) {
          const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
          if (expected.size !== undefined && d.size + buf.length > expected.size) {
            throw invalidArgument(`content size mismatch: more than the expected ${expected.size} bytes`);
          }
          const hashing = d.update(buf);
          await out.write(buf);
          if (hashing) await hashing;
        }
        await out.flush();
        await fh.sync();
      } finally {
        await fh.close();
      }
      const digest = await d.digest();
      if (expected.size !== undefined && d.size !== expected.size) {
        throw invalidArgument(`content size mismatch: got ${d.size} bytes, expected ${expected.size}`);
      }
      if (expected.digest !== undefined && digest !== expected.digest) {
        throw invalidArgument(`content digest mismatch: got ${digest}, expected ${expected.digest}`);
      }
      await fsp.chmod(tmp, 0o444);
      // rename is atomic; if the blob appeared meanwhile, this replaces it with identical bytes.
      await fsp.rename(tmp, blobPath(digest));
      await fsyncDir(blobsDir);
      return { digest, size: d.size };
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  async function exists(digest: string): Promise<boolean> {
    try {
      await fsp.stat(blobPath(digest));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async function info(digest: string): Promise<BlobInfo> {
    try {
      const st = await fsp.stat(blobPath(digest));
      return { digest, size: st.size };
    } catch (err) {
      throw missing(digest, err);
    }
  }

  return {
    ingest,
    put: (data, expected) => ingest(oneChunk(Buffer.isBuffer(data) ? data : Buffer.from(data)), expected),
    exists,
    info,
    async read(digest) {
      try {
        return await fsp.readFile(blobPath(digest));
      } catch (err) {
        throw missing(digest, err);
      }
    },
    async readStream(digest, range) {
      // Open first, so a missing blob is a NotFound here and not a stream error later.
      let fh: fsp.FileHandle;
      try {
        fh = await fsp.open(blobPath(digest), 'r');
      } catch (err) {
        throw missing(digest, err);
      }
      if (range && range.end <= range.start) {
        await fh.close();
        return Readable.from([]) as unknown as ReturnType<typeof createReadStream>;
      }
      return createReadStream('', {
        fd: fh,
        autoClose: true,
        highWaterMark: 1 << 20,
        ...(range ? { start: range.start, end: range.end - 1 } : {}),
      });
    },
    async delete(digest) {
      await fsp.rm(blobPath(digest), { force: true });
    },
    async list() {
      return (await fsp.readdir(blobsDir)).filter((f) => /^[a-f0-9]{64}$/.test(f)).map((f) => `sha256:${f}`);
    },
  };
}

function missing(digest: string, err: unknown): Error {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return notFound(`content ${digest}: not found`);
  return err as Error;
}

async function* oneChunk(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}
