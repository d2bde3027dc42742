// `docker push`: for each tag of the repository (or the one asked), the
// image's manifest — the one it was pulled with, or the one made when it was
// imported/committed — goes up after its blobs: each layer is checked with a
// HEAD, mounted from another repository of the same registry that has it
// (one the image was pulled from or tagged as), or uploaded (monolithic when
// small, chunked when large), up to maxConcurrentUploads at once. The pushed
// digest becomes one of the image's RepoDigests.
import { invalidArgument, notFound, unavailable } from '../errdefs';
import { Repository, type AuthConfig, type ImageManifest } from '../registry';
import { shortId } from '../util/digest';
import { Limiter } from '../util/limit';
import type { Ctx, RegistryAccess } from './context';
import { MEDIA_CONFIG, MEDIA_MANIFEST } from './create';
import { MEDIA_LAYER_GZIP, MEDIA_LAYER_TAR } from './layers';
import { familiarName, familiarString, parseNormalizedNamed, refName, withTag, type Reference } from './reference';
import { refKey } from './resolve';
import type { ImageConfig, ProgressFn } from './types';

export interface PushOptions {
  /** One tag; empty pushes every tag of the repository (the API's rule). */
  tag?: string;
  auth?: AuthConfig;
  progress?: ProgressFn;
  /** Blobs above this size are sent in PATCH chunks of this size (default 64 MiB). */
  chunkSize?: number;
}

export async function pushImage(ctx: Ctx, name: string, opts: PushOptions = {}): Promise<void> {
  if (!ctx.registry) throw unavailable('this image store has no registry access');
  const reg = ctx.registry;
  let ref = parseNormalizedNamed(name);
  if (ref.digest !== undefined) throw invalidArgument('cannot push a digest reference');
  if (opts.tag) ref = withTag(ref, opts.tag);
  const targets: Reference[] =
    ref.tag !== undefined
      ? [ref]
      : ctx.records
          .refs()
          .filter((r) => r.name === refName(ref) && r.tag !== null)
          .map((r) => withTag(ref, r.tag!));
  for (const t of targets) {
    if (!ctx.records.ref(refKey(t))) throw notFound(`tag does not exist: ${familiarString(t)}`);
  }
  if (!targets.length) throw notFound(`An image does not exist locally with the tag: ${familiarName(ref)}`);
  const progress = opts.progress ?? (() => {});
  progress({ status: `The push refers to repository [${refName(ref)}]` });
  const session = reg.session(ref.domain, opts.auth);
  const repo = new Repository(session, ref.path, true);
  for (const t of targets) await pushTag(ctx, reg, repo, t, progress, opts.chunkSize ?? reg.uploadChunkSize);
}

async function pushTag(ctx: Ctx, reg: RegistryAccess, repo: Repository, ref: Reference, progress: ProgressFn, chunkSize?: number): Promise<void> {
  const imageId = ctx.records.ref(refKey(ref))!.imageId;
  const row = ctx.records.image(imageId)!;
  const { bytes: manifestBytes, manifest } = await manifestToPush(ctx, imageId, familiarString(ref));
  const config = JSON.parse(row.config) as ImageConfig;
  const diffIds = config.rootfs.diff_ids;
  const ids = manifest.layers.map((l, i) => shortId(diffIds[i] ?? l.digest));
  // Other repositories of this registry that hold the image: cross-repository mount sources.
  const mountFrom = [
    ...new Set(
      ctx.records
        .refsOf(imageId)
        .map((r) => parseNormalizedNamed(r.ref))
        .filter((r) => r.domain === ref.domain && r.path !== ref.path)
        .map((r) => r.path),
    ),
  ].slice(0, 3);

  manifest.layers.forEach((_, i) => progress({ id: ids[i], status: 'Preparing', progressDetail: {} }));
  const limiter = new Limiter(reg.maxConcurrentUploads);
  const state = { failed: false };
  const pushLayer = async (i: number): Promise<void> => {
    if (state.failed) return;
    const l = manifest.layers[i];
    const id = ids[i];
    if ((await repo.blobSize(l.digest)) !== undefined) {
      progress({ id, status: 'Layer already exists', progressDetail: {} });
      return;
    }
    for (const from of mountFrom) {
      if (await repo.mount(l.digest, from)) {
        progress({ id, status: `Mounted from ${from}`, progressDetail: {} });
        return;
      }
    }
    const info = await ctx.content.info(l.digest);
    let last = 0;
    await repo.upload(
      { digest: l.digest, size: info.size, open: async (start, end) => (await ctx.content.readStream(l.digest, { start, end })) as never },
      {
        chunkSize,
        onProgress: (sent) => {
          if (sent - last >= 512 << 10 || sent === info.size) {
            last = sent;
            progress({ id, status: 'Pushing', progressDetail: { current: sent, total: info.size } });
          }
        },
      },
    );
    progress({ id, status: 'Pushed', progressDetail: {} });
  };
  const jobs = manifest.layers.map((_, i) => {
    if (limiter.full) progress({ id: ids[i], status: 'Waiting', progressDetail: {} });
    return limiter.run(() => pushLayer(i)).catch((err) => {
      state.failed = true;
      throw err;
    });
  });
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) throw failed.reason;

  // The config blob, then the manifest that names everything.
  const cfg = manifest.config;
  if ((await repo.blobSize(cfg.digest)) === undefined) {
    const info = await ctx.content.info(cfg.digest);
    await repo.upload({ digest: cfg.digest, size: info.size, open: async (start, end) => (await ctx.content.readStream(cfg.digest, { start, end })) as never });
  }
  const digest = await repo.putManifest(ref.tag!, manifest.mediaType, manifestBytes);
  progress({ status: `${ref.tag}: digest: ${digest} size: ${manifestBytes.length}` });
  progress({ progressDetail: {}, aux: { Tag: ref.tag, Digest: digest, Size: manifestBytes.length } });
  await ctx.lock.run(async () => {
    ctx.records.transaction(() => {
      const d: Reference = { domain: ref.domain, path: ref.path, digest };
      if (ctx.records.image(imageId)) {
        ctx.records.setRef({ ref: refKey(d), imageId, name: refName(d), tag: null, digest, added: ctx.now().toISOString() });
      }
    });
  });
  ctx.event('push', imageId, { name: familiarString(ref) });
}

/**
 * The manifest the image was pulled or made with, when every blob it names
 * is here. A layer that was already present when the image was pulled may be
 * kept as another blob (e.g. imported uncompressed); then an OCI manifest is
 * made from the blobs the layers do have, as commitImage makes one.
 */
async function manifestToPush(ctx: Ctx, imageId: string, name: string): Promise<{ bytes: Buffer; manifest: ImageManifest & { mediaType: string } }> {
  const row = ctx.records.image(imageId)!;
  if (row.manifestDigest && (await ctx.content.exists(row.manifestDigest))) {
    const bytes = await ctx.content.read(row.manifestDigest);
    const manifest = JSON.parse(bytes.toString('utf8')) as ImageManifest & { mediaType: string };
    const have = await Promise.all([manifest.config, ...manifest.layers].map((l) => ctx.content.exists(l.digest)));
    if (have.every(Boolean)) return { bytes, manifest };
  }
  const layers = [];
  for (const chain of ctx.records.layersOf(imageId)) {
    const l = ctx.records.layer(chain);
    if (!l?.blobDigest || !(await ctx.content.exists(l.blobDigest))) {
      throw invalidArgument(`image ${name} has a layer without a stored blob (${chain}) and cannot be pushed`);
    }
    layers.push({ mediaType: l.mediaType ?? MEDIA_LAYER_TAR, digest: l.blobDigest, size: (await ctx.content.info(l.blobDigest)).size });
  }
  const manifest = {
    schemaVersion: 2 as const,
    mediaType: MEDIA_MANIFEST,
    config: { mediaType: MEDIA_CONFIG, digest: imageId, size: (await ctx.content.info(imageId)).size },
    layers: layers.map((l) => ({ ...l, mediaType: ociLayerType(l.mediaType) })),
  };
  const bytes = Buffer.from(JSON.stringify(manifest));
  await ctx.content.put(bytes);
  return { bytes, manifest };
}

/** Docker's layer media types in their OCI spelling (an OCI manifest may not mix them). */
function ociLayerType(mt: string): string {
  if (mt === 'application/vnd.docker.image.rootfs.diff.tar.gzip') return MEDIA_LAYER_GZIP;
  if (mt === 'application/vnd.docker.image.rootfs.diff.tar') return MEDIA_LAYER_TAR;
  return mt;
}
