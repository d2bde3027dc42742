// The content store: immutable blobs addressed by their digest, in the spirit
// of containerd's core/content. It knows no names, tags or media types — the
// image layer decides what a blob means. Rules every implementation keeps:
//
//  - A blob becomes visible (exists/info/read) only after its bytes were
//    written completely, hashed, verified against what the caller expected,
//    and made durable. A failed or interrupted ingest leaves nothing visible.
//  - Blobs are never modified in place. Writing a blob that already exists is
//    a no-op that returns its info (content addressing makes them equal).
//  - Digests are `sha256:<64 hex>`; anything else is InvalidArgument.
//  - A missing blob is NotFound; a digest or size mismatch is InvalidArgument.

export interface BlobInfo {
  digest: string;
  size: number;
}

export interface Expected {
  /** Refuse the content unless it hashes to this digest. */
  digest?: string;
  /** Refuse the content unless it has exactly this many bytes. */
  size?: number;
}

export interface ContentStore {
  /** Streams `src` into the store: temp file + hash, verify, fsync, rename into place. */
  ingest(src: AsyncIterable<Buffer> | NodeJS.ReadableStream, expected?: Expected): Promise<BlobInfo>;
  /** `ingest` for data already in memory (configs, manifests). */
  put(data: Buffer | string, expected?: Expected): Promise<BlobInfo>;
  exists(digest: string): Promise<boolean>;
  /** Size and digest; NotFound if absent. */
  info(digest: string): Promise<BlobInfo>;
  /** The whole blob; for small blobs (configs, manifests). */
  read(digest: string): Promise<Buffer>;
  /** A stream of the blob, or of bytes [start, end) of it; NotFound (thrown before streaming) if absent. */
  readStream(digest: string, range?: { start: number; end: number }): Promise<NodeJS.ReadableStream & AsyncIterable<Buffer>>;
  /** Removes a blob; removing a missing blob is not an error (GC may race). */
  delete(digest: string): Promise<void>;
  /** Every blob digest, for garbage collection. */
  list(): Promise<string[]>;
}
