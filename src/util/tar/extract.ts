// Secure extraction of a layer (or `docker import`) tarball into a directory.
// Every entry lands inside `root` whatever the archive says (see resolve.ts),
// ownership, modes and times are preserved, and OCI whiteouts become overlayfs
// whiteouts so the directory can serve as an overlay upper/lower dir directly.
// The result carries the diffID: sha256 of the *uncompressed* tar stream, as
// the OCI image spec defines it.
import type * as tar from 'tar-stream';
import { tarStream } from './tar-stream';
import { invalidArgument } from '../../errdefs';
import { decompress, type Compression } from '../compression';
import { StreamDigester } from '../stream-digest';
import { drainOrClose } from '../drain';
import type { IdMapping } from '../idmap';
import { EntryWriter, type WriterOptions } from './writer';

export interface ExtractOptions {
  /**
   * 'overlay' (default): `.wh.NAME` becomes a 0:0 character device and
   * `.wh..wh..opq` sets trusted.overlay.opaque=y, for an overlay snapshot.
   * 'delete': whiteouts just delete, for applying onto a flat directory.
   */
  whiteouts?: 'overlay' | 'delete' | 'none';
  /** In-root directory the entries are relative to (see WriterOptions.prefix). */
  prefix?: string;
  noOverwriteDirNonDir?: boolean;
  owner?: { uid: number; gid: number };
  /** lchown entries to the archive's uid/gid. Default: when running as root. */
  chown?: boolean;
  /** Create device nodes with mknod. Default: when running as root; otherwise they are skipped. */
  devices?: boolean;
  /** Shift ownership into a remapped store (see WriterOptions.idMap). */
  idMap?: IdMapping;
}

export interface ExtractResult {
  /** sha256 of the uncompressed tar stream. */
  diffID: string;
  /** Bytes of the uncompressed tar stream. */
  size: number;
  compression: Compression;
}

export async function extractTar(
  src: AsyncIterable<Buffer>,
  root: string,
  opts: ExtractOptions = {},
): Promise<ExtractResult> {
  const asRoot = process.getuid?.() === 0;
  const wopts: WriterOptions = {
    whiteouts: opts.whiteouts ?? 'overlay',
    chown: opts.chown ?? asRoot,
    devices: opts.devices ?? asRoot,
    prefix: opts.prefix,
    noOverwriteDirNonDir: opts.noOverwriteDirNonDir,
    owner: opts.owner,
    idMap: opts.idMap,
  };
  const { stream, compression } = await decompress(src);
  const digester = new StreamDigester();
  const extract = tarStream().extract();
  const writer = new EntryWriter(root, wopts);
  let stop = false;

  // Feed the tar parser by hand: every byte (trailing padding included) must
  // pass through the digester, and tar-stream's streamx streams do not mix
  // reliably with node's stream.pipeline.
  const producer = (async () => {
    try {
      for await (const chunk of stream) {
        if (stop) return;
        const hashing = digester.update(chunk);
        if (!extract.write(chunk)) await drainOrClose(extract);
        if (hashing) await hashing;
      }
      extract.end(undefined);
    } catch (err) {
      extract.destroy(err as Error);
      throw err;
    }
  })();
  const consumer = (async () => {
    try {
      for await (const entry of extract) await writer.entry(entry);
    } catch (err) {
      stop = true;
      extract.destroy(err as Error);
      throw err;
    }
  })();
  const results = await Promise.allSettled([producer, consumer]);
  const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failure) throw failure.reason;
  // Not even the end-of-archive blocks: not a tar (tar-stream would accept it).
  if (digester.size === 0) throw invalidArgument('invalid tar archive: the stream is empty');
  await writer.finish();
  return { diffID: await digester.digest(), size: digester.size, compression };
}
