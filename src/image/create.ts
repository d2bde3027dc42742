// Turning applied layers + a config into an image: config and manifest go to
// the content store (verified, durable) first; then one SQLite transaction
// records the layers, the image and its references. Until that commits, the
// image does not exist; after it, everything it needs is on disk.
import type { Ctx } from './context';
import type { AppliedLayer } from './layers';
import { familiarString, refName, type Reference } from './reference';
import { refKey } from './resolve';
import type { ImageConfig } from './types';

export const MEDIA_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const MEDIA_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

export interface NewImage {
  config: ImageConfig;
  /** The config's exact bytes when they come from elsewhere (load, pull): its digest is the image ID. Default JSON.stringify(config). */
  configJson?: string;
  /** Bottom first, matching config.rootfs.diff_ids. */
  layers: AppliedLayer[];
  refs?: Reference[];
  /** Parent image (docker commit / build), for history and child conflicts. */
  parent?: string;
  /** A manifest already in the content store (pulled); default: one is made for the layers. */
  manifestDigest?: string;
}

export interface CommittedImage {
  id: string;
  /** Images that lost a reference to this one (they may now be dangling). */
  untagged: string[];
}

/** Caller holds no lock; the layers must be pinned until this returns. */
export async function commitImage(ctx: Ctx, img: NewImage): Promise<CommittedImage> {
  const configJson = img.configJson ?? JSON.stringify(img.config);
  const cfg = await ctx.content.put(configJson);
  const id = cfg.digest;
  let manifestDigest: string | null = img.manifestDigest ?? null;
  if (!manifestDigest && img.layers.every((l) => l.blobDigest)) {
    const manifest = {
      schemaVersion: 2,
      mediaType: MEDIA_MANIFEST,
      config: { mediaType: MEDIA_CONFIG, digest: id, size: cfg.size },
      layers: await Promise.all(
        img.layers.map(async (l) => ({
          mediaType: l.mediaType,
          digest: l.blobDigest,
          size: (await ctx.content.info(l.blobDigest as string)).size,
        })),
      ),
    };
    manifestDigest = (await ctx.content.put(JSON.stringify(manifest))).digest;
  }
  return ctx.lock.run(async () => {
    const time = ctx.now().toISOString();
    const untagged: string[] = [];
    ctx.records.transaction(() => {
      for (const l of img.layers) {
        ctx.records.insertLayer({ ...l, created: time });
      }
      ctx.records.insertImage(
        {
          id,
          parent: img.parent ?? null,
          config: configJson,
          manifestDigest,
          created: img.config.created ?? time,
          size: img.layers.reduce((n, l) => n + l.diffSize, 0),
          topChain: img.layers.length ? img.layers[img.layers.length - 1].chainId : null,
          lastTagTime: null,
          added: time,
        },
        img.layers.map((l) => l.chainId),
      );
      for (const r of img.refs ?? []) {
        const prev = setRef(ctx, r, id, time);
        if (prev) untagged.push(prev);
      }
    });
    for (const r of img.refs ?? []) ctx.event('tag', id, { name: familiarString(r) });
    return { id, untagged };
  });
}

/** Points a reference at an image inside the caller's transaction; returns the image it was taken from. */
export function setRef(ctx: Ctx, r: Reference, imageId: string, time: string): string | undefined {
  const prev = ctx.records.setRef({
    ref: refKey(r),
    imageId,
    name: refName(r),
    tag: r.digest === undefined ? (r.tag ?? 'latest') : null,
    digest: r.digest ?? null,
    added: time,
  });
  ctx.records.setLastTagTime(imageId, time);
  return prev;
}
