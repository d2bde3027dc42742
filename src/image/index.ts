// The image store factory: wires the verbs (one file each) to shared state.
import { notFound } from '../errdefs';
import { makeCtx, unpin, type ImageStoreDeps } from './context';
import { commitImage } from './create';
import { imageDiskUsage } from './usage';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageHistory } from './history';
import { inspectImage } from './inspect';
import { applyLayer, gcLayers, repairLayers } from './layers';
import { listImages } from './list';
import { pruneImages } from './prune';
import { familiarString, parseNormalizedNamed } from './reference';
import { removeImage } from './remove';
import { getImage } from './resolve';
import type { ImageRecordView, ImageStore } from './store';
import { lazy } from '../util/lazy';
import { tagImage } from './tag';

export type { ImageStore, ImageRecordView } from './store';
export type { ImageStoreDeps, RegistryAccess } from './context';
export type { PullOptions } from './pull';
export type { PushOptions } from './push';
export * from './types';
export * from './reference';
export { chainID, chainIDs } from './chainid';
export type { AppliedLayer } from './layers';
export type { NewImage, CommittedImage } from './create';
export type { CommitOptions } from './commit';
export type { LoadMessage } from './archive-parts';

// The verbs that move images in and out (with the registry client, tar and
// zlib under them) are loaded on their first call: an idle berthd never runs
// them, and each module it loads stays in its heap.
const pullVerb = lazy(() => require('./pull') as typeof import('./pull'));
const pushVerb = lazy(() => require('./push') as typeof import('./push'));
const importVerb = lazy(() => require('./import') as typeof import('./import'));
const commitVerb = lazy(() => require('./commit') as typeof import('./commit'));
const saveVerb = lazy(() => require('./save') as typeof import('./save'));
const loadVerb = lazy(() => require('./load') as typeof import('./load'));

export function createImageStore(deps: ImageStoreDeps): ImageStore {
  const ctx = makeCtx(deps);
  const view = (id: string): ImageRecordView | undefined => {
    const row = ctx.records.image(id);
    return row && { id: row.id, size: row.size, created: row.created, topChainID: row.topChain, config: ctx.config(row) };
  };
  const must = (id: string): ImageRecordView => {
    const v = view(id);
    if (!v) throw notFound(`No such image: ${id}`);
    return v;
  };
  return {
    import: (src, opts) => importVerb().importImage(ctx, src, opts),
    pull: (name, opts) => pullVerb().pullImage(ctx, name, opts),
    push: (name, opts) => pushVerb().pushImage(ctx, name, opts),
    list: async (opts) => listImages(ctx, opts),
    inspect: (ref) => inspectImage(ctx, ref),
    history: async (ref) => imageHistory(ctx, ref),
    tag: (source, repo, tag) => tagImage(ctx, source, repo, tag),
    remove: (ref, opts) => removeImage(ctx, ref, opts),
    prune: (opts) => pruneImages(ctx, opts),
    resolve: (ref) => getImage(ctx, ref).id,
    get: view,
    getConfig: (id) => must(id).config,
    topChainID: (id) => must(id).topChainID,
    tags: (id) =>
      ctx.records
        .refsOf(id)
        .filter((r) => r.digest === null)
        .map((r) => familiarString(parseNormalizedNamed(r.ref))),
    count: () => ctx.records.images().length,
    children: (id) => ctx.records.children(id),
    diskUsage: () => imageDiskUsage(ctx),
    applyLayer: (parent, digest) => applyLayer(ctx, parent, digest),
    commitImage: (img) => commitImage(ctx, img),
    commitContainer: (opts) => commitVerb().commitContainer(ctx, opts),
    save: (names) => saveVerb().saveImages(ctx, names),
    load: (src, progress) => loadVerb().loadImages(ctx, src, deps.tmpRoot ?? join(tmpdir(), 'berth-load'), progress),
    releasePin: (chain) => unpin(ctx, chain),
    repair: () => ctx.lock.run(() => repairLayers(ctx)),
    gc: () => ctx.lock.run(() => gcLayers(ctx)),
  };
}
