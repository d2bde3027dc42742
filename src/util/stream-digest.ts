// sha256 of a stream, hashed on a libuv worker thread (src/util/native/digest.c)
// while the event loop goes on with the bytes: the digests of a pull's blobs
// and diffIDs were a quarter of its time on the event loop. Chunks are
// gathered into batches of BATCH bytes (one worker round trip each) and at
// most AHEAD bytes wait to be hashed; past that, update() returns a promise
// to wait on. Without the compiled module the same class hashes in place
// with node's crypto.
import { createHash, type Hash } from 'node:crypto';
import { join } from 'node:path';

interface NativeDigest {
  sha256(): object;
  update(h: object, bufs: Buffer[]): Promise<void>;
  final(h: object): string;
}

const BATCH = 1 << 20;
const AHEAD = 4 << 20;

let loaded: NativeDigest | null | undefined;

function nativeDigest(): NativeDigest | null {
  if (loaded === undefined) {
    try {
      // dist/src/util/stream-digest.js → dist/native/berth_digest.node
      loaded = (process.env.BERTH_NO_NATIVE ? null : require(join(__dirname, '..', '..', 'native', 'berth_digest.node'))) as NativeDigest;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}

/** True when hashing runs off the event loop (the compiled module loaded). */
export function offThreadHashing(): boolean {
  return nativeDigest() !== null;
}

/**
 * Incremental sha256 that counts bytes, like Digester, for chunks that no one
 * writes to again (stream chunks): they are hashed later, where they are.
 */
export class StreamDigester {
  size = 0;
  private readonly native = nativeDigest();
  private readonly h: object | Hash = this.native ? this.native.sha256() : createHash('sha256');
  private batch: Buffer[] = [];
  private batchSize = 0;
  /** Bytes handed to the worker and not yet hashed. */
  private ahead = 0;
  private chain: Promise<void> = Promise.resolve();
  /** The submitted batches' completions, oldest first. */
  private readonly queued: Promise<void>[] = [];
  private failed: unknown;

  /** Adds `chunk`; a returned promise means "wait for the hash to catch up". */
  update(chunk: Buffer): Promise<void> | undefined {
    this.size += chunk.length;
    if (!this.native) {
      (this.h as Hash).update(chunk);
      return undefined;
    }
    if (!chunk.length) return undefined;
    this.batch.push(chunk);
    this.batchSize += chunk.length;
    if (this.batchSize >= BATCH) this.submit();
    return this.ahead > AHEAD ? this.queued[0] : undefined;
  }

  /** `sha256:<hex>` of everything added; call once, after the last update. */
  async digest(): Promise<string> {
    if (!this.native) return 'sha256:' + (this.h as Hash).digest('hex');
    this.submit();
    await this.settled();
    return 'sha256:' + this.native.final(this.h);
  }

  private submit(): void {
    if (!this.batchSize) return;
    const bufs = this.batch;
    const n = this.batchSize;
    this.batch = [];
    this.batchSize = 0;
    this.ahead += n;
    this.chain = this.chain.then(() =>
      this.native!.update(this.h, bufs).then(
        () => {
          this.ahead -= n;
          this.queued.shift();
        },
        (err) => {
          this.failed ??= err;
          this.queued.shift();
        },
      ),
    );
    this.queued.push(this.chain);
  }

  private async settled(): Promise<void> {
    await this.chain;
    if (this.failed) throw this.failed;
  }
}
