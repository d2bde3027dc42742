// Content digests. berth only produces and accepts sha256, the algorithm every
// OCI image and Docker registry uses; other algorithms are rejected loudly
// rather than silently mis-verified.
import { createHash, type Hash } from 'node:crypto';
import { invalidArgument } from '../errdefs';

export const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
const HEX64_RE = /^[a-f0-9]{64}$/;

/** `sha256:<hex>` of a buffer or string. */
export function sha256Digest(data: Buffer | string): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

export function isDigest(s: string): boolean {
  return DIGEST_RE.test(s);
}

/** Returns s if it is a canonical sha256 digest, else throws InvalidArgument. */
export function validateDigest(s: string): string {
  if (!isDigest(s)) throw invalidArgument(`invalid digest "${s}": expected sha256:<64 lowercase hex>`);
  return s;
}

/** The hex part of `sha256:<hex>`. */
export function digestHex(d: string): string {
  return validateDigest(d).slice('sha256:'.length);
}

export function isFullHexId(s: string): boolean {
  return HEX64_RE.test(s);
}

/** Docker's stringid.TruncateID: drop the algorithm, keep 12 hex characters. */
export function shortId(id: string): string {
  const i = id.indexOf(':');
  return (i >= 0 ? id.slice(i + 1) : id).slice(0, 12);
}

/** Incremental sha256 that also counts bytes; feed it every chunk of a stream. */
export class Digester {
  private readonly hash: Hash = createHash('sha256');
  size = 0;

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.size += chunk.length;
  }

  /** Finalises the hash; call once. */
  digest(): string {
    return 'sha256:' + this.hash.digest('hex');
  }
}

/** Digest and size of a whole stream (consumes it). */
export async function digestStream(stream: AsyncIterable<Buffer>): Promise<{ digest: string; size: number }> {
  const d = new Digester();
  for await (const chunk of stream) d.update(chunk);
  return { digest: d.digest(), size: d.size };
}
