// `docker commit`: the container's layer (already an OCI layer tar, whiteouts
// converted) goes on top of its image's layers; the config is the container's
// configuration with the -c changes applied, and history gains one entry.
import { applyChanges } from './changes';
import type { Ctx } from './context';
import { pin, unpin } from './context';
import { commitImage } from './create';
import { applyLayer, type AppliedLayer } from './layers';
import { importReference } from './import';
import type { ContainerConfig, ImageConfig } from './types';

export interface CommitOptions {
  /** Image ID the container was made from. */
  parent: string;
  /** The container's layer as a tar stream; none for a build step that only changes the config (history marks it empty_layer). */
  layer?: AsyncIterable<Buffer>;
  /** Build steps: the config the step ran with (Cmd records the instruction), kept as container_config for the build cache. */
  containerConfig?: ContainerConfig;
  /** The container's configuration (image config shape). */
  config: ContainerConfig;
  containerId: string;
  /** What history shows in CREATED BY: the container's command. */
  createdBy: string;
  author?: string;
  comment?: string;
  changes?: string[];
  repo?: string;
  tag?: string;
}

export async function commitContainer(ctx: Ctx, opts: CommitOptions): Promise<string> {
  try {
    return await commit(ctx, opts);
  } catch (err) {
    // An unread layer stream would keep its producer (and an open file) waiting forever.
    (opts.layer as { destroy?: (e?: Error) => void } | undefined)?.destroy?.();
    throw err;
  }
}

async function commit(ctx: Ctx, opts: CommitOptions): Promise<string> {
  const ref = importReference(opts.repo, opts.tag);
  const containerConfig = applyChanges(opts.config, opts.changes ?? []);
  const parentRow = ctx.records.image(opts.parent);
  const parentConfig: ImageConfig | undefined = parentRow ? ctx.config(parentRow) : undefined;
  const parentChains = parentRow ? ctx.records.layersOf(parentRow.id) : [];
  const parentLayers: AppliedLayer[] = [];
  for (const chain of parentChains) {
    const row = ctx.records.layer(chain);
    if (!row) throw new Error(`layer ${chain} of image ${opts.parent} is missing`);
    pin(ctx, chain);
    parentLayers.push({ chainId: row.chainId, diffId: row.diffId, parent: row.parent, diffSize: row.diffSize, blobDigest: row.blobDigest, mediaType: row.mediaType });
  }
  let layer: AppliedLayer | undefined;
  try {
    if (opts.layer) {
      const blob = await ctx.content.ingest(opts.layer);
      try {
        layer = await applyLayer(ctx, parentChains[parentChains.length - 1] ?? null, blob.digest);
      } catch (err) {
        if (ctx.records.blobUsers(blob.digest) === 0) await ctx.content.delete(blob.digest);
        throw err;
      }
    }
    const layers = layer ? [...parentLayers, layer] : parentLayers;
    const created = ctx.now().toISOString();
    const config: ImageConfig = {
      architecture: parentConfig?.architecture ?? 'amd64',
      ...(parentConfig?.variant ? { variant: parentConfig.variant } : {}),
      os: parentConfig?.os ?? 'linux',
      author: opts.author ?? '',
      comment: opts.comment ?? '',
      config: containerConfig,
      ...(opts.containerConfig ? { container: opts.containerId, container_config: opts.containerConfig } : {}),
      created,
      history: [
        ...(parentConfig?.history ?? []),
        { created, created_by: opts.createdBy, ...(opts.author ? { author: opts.author } : {}), ...(opts.comment ? { comment: opts.comment } : {}), ...(layer ? {} : { empty_layer: true }) },
      ],
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      ...(parentRow ? { parent: parentRow.id } : {}),
    };
    const { id } = await commitImage(ctx, { config, layers, refs: ref ? [ref] : [], parent: parentRow?.id });
    return id;
  } finally {
    for (const l of parentLayers) unpin(ctx, l.chainId);
    if (layer) unpin(ctx, layer.chainId);
  }
}
