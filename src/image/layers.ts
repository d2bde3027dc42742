// Layers: a blob unpacked on top of its parent into a committed snapshot
// named by its chainID, and released again when no image uses it.
//
// Crash safety: the snapshot is committed before the layer row exists, and
// the row is deleted only after the snapshot is gone. So after a kill -9 the
// leftovers are committed `sha256:` snapshots without a row, `extract-`
// snapshots, and unused rows — all of which repair() removes at startup.
import { randomBytes } from 'node:crypto';
import { isKind } from '../errdefs';
import { extractTar } from '../util/tar';
import { syncFs } from '../util/exec';
import { sha256Digest } from '../util/digest';
import type { Ctx } from './context';
import { pin, unpin } from './context';

export const MEDIA_LAYER_TAR = 'application/vnd.oci.image.layer.v1.tar';
export const MEDIA_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
const EXTRACT_PREFIX = 'extract-';

export interface AppliedLayer {
  chainId: string;
  diffId: string;
  parent: string | null;
  /** Bytes of the layer's own files (Docker's layer DiffSize). */
  diffSize: number;
  blobDigest: string | null;
  mediaType: string | null;
}

/**
 * Unpacks blob `digest` from the content store on top of `parentChain` and
 * commits it as snapshot <chainID>, or reuses an existing one. The returned
 * chain is pinned: the caller must unpin(ctx, chainId) once an image row
 * references it (or it is abandoned).
 */
export interface ApplyOptions {
  /** Reports the running count of (compressed) bytes read. */
  onRead?: (bytes: number) => void;
  /**
   * The blob's bytes as they arrive from elsewhere (a download being stored
   * at the same time) instead of the content store's copy…
   */
  source?: AsyncIterable<Buffer>;
  /** …and what must succeed before the layer may be committed: the stored blob's verification. */
  beforeCommit?: () => Promise<void>;
  /**
   * The parent layer is still arriving: unpack now (a layer's own files do
   * not depend on the layers below), and commit on top of `parentChain`
   * once this settles. A rejection abandons the layer.
   */
  parentCommitted?: Promise<unknown>;
}

export async function applyLayer(ctx: Ctx, parentChain: string | null, digest: string, opts: ApplyOptions = {}): Promise<AppliedLayer> {
  const key = `${EXTRACT_PREFIX}${randomBytes(8).toString('hex')}`;
  const later = opts.parentCommitted !== undefined && parentChain !== null;
  await ctx.snapshotter.prepare(key, later ? undefined : (parentChain ?? undefined), { labels: { 'berth.layer.blob': digest } });
  let committed = false;
  try {
    const dir = await ctx.snapshotter.diffDir(key);
    const blob = opts.source ?? (await ctx.content.readStream(digest));
    const res = await extractTar(opts.onRead ? counted(blob, opts.onRead) : blob, dir, { idMap: ctx.idMap });
    // Unpacked from bytes not yet verified: only a verified blob makes a layer.
    await opts.beforeCommit?.();
    // The snapshot must be on disk before it becomes a named, committed layer.
    await syncFs(dir);
    if (later) await opts.parentCommitted;
    const chainId = parentChain ? sha256Digest(`${parentChain} ${res.diffID}`) : res.diffID;
    pin(ctx, chainId);
    try {
      if (!(await snapshotExists(ctx, chainId))) {
        await ctx.snapshotter.commit(chainId, key, later ? { parent: parentChain! } : undefined).then(
          () => (committed = true),
          (err) => {
            // Another import of the same layer won the race: use its snapshot.
            if (!isKind(err, 'Conflict')) throw err;
          },
        );
      }
      const usage = await ctx.snapshotter.usage(chainId);
      return {
        chainId,
        diffId: res.diffID,
        parent: parentChain,
        diffSize: usage.size,
        blobDigest: digest,
        mediaType: res.compression === 'gzip' ? MEDIA_LAYER_GZIP : MEDIA_LAYER_TAR,
      };
    } catch (err) {
      unpin(ctx, chainId);
      throw err;
    }
  } finally {
    if (!committed) await ctx.snapshotter.remove(key).catch(() => {});
  }
}

/** Passes the chunks through, reporting the running byte count (Extracting progress). */
async function* counted(src: AsyncIterable<Buffer>, onRead: (bytes: number) => void): AsyncGenerator<Buffer> {
  let n = 0;
  for await (const c of src) {
    n += c.length;
    onRead(n);
    yield c;
  }
}

export async function snapshotExists(ctx: Ctx, key: string): Promise<boolean> {
  try {
    return (await ctx.snapshotter.stat(key)).kind === 'committed';
  } catch (err) {
    if (isKind(err, 'NotFound')) return false;
    throw err;
  }
}

/**
 * Removes, top-down, the layers of `chains` (bottom first, as stored) that no
 * image uses any more. A layer whose snapshot still has children (a container
 * of a force-removed image) is kept for a later gc. Returns removed chain ids.
 * Call with ctx.lock held.
 */
export async function releaseLayers(ctx: Ctx, chains: string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const chain of [...chains].reverse()) {
    if (!(await releaseLayer(ctx, chain))) break;
    removed.push(chain);
  }
  return removed;
}

async function releaseLayer(ctx: Ctx, chain: string): Promise<boolean> {
  const row = ctx.records.layer(chain);
  if (!row || ctx.pins.has(chain)) return false;
  if (ctx.records.layerUsers(chain) > 0) return false;
  try {
    await ctx.snapshotter.remove(chain);
  } catch (err) {
    if (isKind(err, 'Conflict')) return false;
    if (!isKind(err, 'NotFound')) throw err;
  }
  ctx.records.deleteLayer(chain);
  if (row.blobDigest && ctx.records.blobUsers(row.blobDigest) === 0) await ctx.content.delete(row.blobDigest);
  return true;
}

/** Removes every unused layer it can, children before parents. Call with ctx.lock held. */
export async function gcLayers(ctx: Ctx): Promise<string[]> {
  const removed: string[] = [];
  for (let progress = true; progress; ) {
    progress = false;
    const unused = ctx.records.unusedLayers();
    const parents = new Set(ctx.records.layers().map((l) => l.parent));
    for (const l of unused) {
      if (parents.has(l.chainId)) continue; // a child layer row still stands on it
      if (await releaseLayer(ctx, l.chainId)) {
        removed.push(l.chainId);
        progress = true;
      }
    }
  }
  return removed;
}

/**
 * Startup repair, before anything else uses the store: drops interrupted
 * extractions, committed layer snapshots no layer row claims, unused layers,
 * and blobs nothing references.
 */
export async function repairLayers(ctx: Ctx): Promise<void> {
  const snaps = await ctx.snapshotter.list();
  for (const s of snaps) {
    if (s.kind === 'active' && s.name.startsWith(EXTRACT_PREFIX)) await ctx.snapshotter.remove(s.name).catch(() => {});
  }
  // Orphans may stack (an interrupted multi-layer pull): remove leaves first, repeatedly.
  for (let progress = true; progress; ) {
    progress = false;
    const all = await ctx.snapshotter.list();
    const hasChild = new Set(all.map((s) => s.parent));
    for (const s of all) {
      if (s.kind !== 'committed' || !s.name.startsWith('sha256:') || hasChild.has(s.name)) continue;
      if (ctx.records.layer(s.name)) continue;
      await ctx.snapshotter.remove(s.name);
      progress = true;
    }
  }
  await gcLayers(ctx);
  const keep = new Set<string>();
  for (const l of ctx.records.layers()) if (l.blobDigest) keep.add(l.blobDigest);
  for (const i of ctx.records.images()) {
    keep.add(i.id);
    if (i.manifestDigest) keep.add(i.manifestDigest);
  }
  for (const d of await ctx.content.list()) if (!keep.has(d)) await ctx.content.delete(d);
}
