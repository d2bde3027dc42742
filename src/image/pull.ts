// `docker pull`: resolve the reference on its registry (an index/list picks
// the platform), fetch and verify the config, then the layers — up to
// maxConcurrentDownloads at once, each streamed into the content store
// (which verifies digest and size before the blob becomes visible) and
// unpacked as it arrives, all side by side; each is committed on top of the
// one below once that one is, so the layers end up in order. A layer whose
// chainID is already a committed snapshot is never fetched. The image exists
// only once commitImage's transaction ran: an interrupted pull leaves
// verified blobs (reused by the next pull) and nothing visible.
import { BerthError, invalidArgument, isKind, unavailable } from '../errdefs';
import {
  formatPlatform,
  isIndexType,
  isManifestType,
  parsePlatform,
  Repository,
  selectManifest,
  type AuthConfig,
  type ImageIndex,
  type ImageManifest,
  type Platform,
} from '../registry';
import { shortId } from '../util/digest';
import { Limiter } from '../util/limit';
import { tee } from '../util/tee';
import { chainIDs } from './chainid';
import type { Ctx, RegistryAccess } from './context';
import { pin, unpin } from './context';
import { commitImage } from './create';
import { applyLayer, snapshotExists, type AppliedLayer } from './layers';
import { familiarName, familiarString, parseNormalizedNamed, refName, tagNameOnly, withTag, type Reference } from './reference';
import type { ImageConfig, ProgressFn } from './types';

export interface PullOptions {
  tag?: string;
  /**
   * Every tag of the repository (`pull -a`). As in dockerd, a name without a
   * tag, digest or tag parameter also means every tag.
   */
  allTags?: boolean;
  platform?: string;
  auth?: AuthConfig;
  progress?: ProgressFn;
}

const PROGRESS_STEP = 512 << 10;

/** Pulls `name` (with `tag`, which may be a digest); returns the image ID (the last one for all tags). */
export async function pullImage(ctx: Ctx, name: string, opts: PullOptions = {}): Promise<string> {
  const reg = registryOf(ctx);
  let ref = parseNormalizedNamed(name);
  if (opts.tag) {
    if (ref.tag !== undefined || ref.digest !== undefined) throw invalidArgument('cannot pull with a tag/digest in both the image name and the tag parameter');
    ref = /^sha256:/.test(opts.tag) ? parseNormalizedNamed(`${name}@${opts.tag}`) : withTag(ref, opts.tag);
  }
  const platform = opts.platform ? parsePlatform(opts.platform, reg.defaultPlatform) : undefined;
  const progress = opts.progress ?? (() => {});
  const session = reg.session(ref.domain, opts.auth);
  const repo = new Repository(session, ref.path);
  if (opts.allTags || (!opts.tag && ref.tag === undefined && ref.digest === undefined)) {
    if (ref.tag !== undefined || ref.digest !== undefined) throw invalidArgument('tag can\'t be used with --all-tags/-a');
    const tags = await repo.tags();
    if (!tags.length) throw invalidArgument(`no tags found for ${familiarName(ref)}`);
    let id = '';
    let newer = false;
    for (const t of tags) {
      const r = await pullOne(ctx, reg, repo, withTag(ref, t), platform, progress);
      id = r.id;
      newer ||= r.newer;
    }
    progress({ status: `Status: ${newer ? 'Downloaded newer image' : 'Image is up to date'} for ${familiarName(ref)}` });
    return id;
  }
  ref = tagNameOnly(ref);
  const r = await pullOne(ctx, reg, repo, ref, platform, progress);
  progress({ status: `Digest: ${r.digest}` });
  progress({ status: `Status: ${r.newer ? 'Downloaded newer image' : 'Image is up to date'} for ${familiarString(ref)}` });
  return r.id;
}

function registryOf(ctx: Ctx): RegistryAccess {
  if (!ctx.registry) throw unavailable('this image store has no registry access');
  return ctx.registry;
}

interface Pulled {
  id: string;
  digest: string;
  newer: boolean;
}

async function pullOne(
  ctx: Ctx,
  reg: RegistryAccess,
  repo: Repository,
  ref: Reference,
  platform: Platform | undefined,
  progress: ProgressFn,
): Promise<Pulled> {
  const top = await repo.manifest(ref.digest ?? ref.tag!);
  progress({ id: ref.digest ?? ref.tag, status: `Pulling from ${ref.path}` });
  let manifest = top;
  if (isIndexType(top.mediaType)) {
    const index = JSON.parse(top.bytes.toString('utf8')) as ImageIndex;
    const chosen = selectManifest(index.manifests ?? [], platform ?? reg.defaultPlatform);
    manifest = await repo.manifest(chosen.digest);
  }
  if (!isManifestType(manifest.mediaType)) {
    throw invalidArgument(`unsupported manifest media type ${manifest.mediaType || '(none)'} for ${familiarString(ref)}`);
  }
  const m = JSON.parse(manifest.bytes.toString('utf8')) as ImageManifest;
  if (!m.config?.digest || !Array.isArray(m.layers)) throw invalidArgument(`invalid manifest ${manifest.digest}: no config or layers`);

  // The config: small, verified by the content store, and the image ID.
  await ctx.content.ingest(await repo.blob(m.config.digest), { digest: m.config.digest, size: m.config.size });
  const configJson = (await ctx.content.read(m.config.digest)).toString('utf8');
  const config = JSON.parse(configJson) as ImageConfig;
  if (platform && !isIndexType(top.mediaType) && (config.os !== platform.os || config.architecture !== platform.architecture)) {
    throw invalidArgument(
      `image with reference ${familiarString(ref)} was found but does not match the specified platform: wanted ${formatPlatform(platform)}, actual: ${formatPlatform(config)}`,
    );
  }
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== m.layers.length) {
    throw invalidArgument(`invalid image ${manifest.digest}: ${m.layers.length} layers but ${diffIds.length} diff_ids in the config`);
  }
  const chains = chainIDs(diffIds);
  await ctx.content.put(manifest.bytes, { digest: manifest.digest });
  if (top !== manifest) await ctx.content.put(top.bytes, { digest: top.digest });

  const existed = ctx.records.image(m.config.digest) !== undefined;
  const present: boolean[] = [];
  for (const c of chains) {
    pin(ctx, c);
    present.push(ctx.records.layer(c) !== undefined && (await snapshotExists(ctx, c)));
  }
  const layers: AppliedLayer[] = [];
  const state = { failed: false };
  // committed[i] settles once layer i is in place. Every layer is unpacked
  // as it downloads, side by side (a layer's own files do not depend on the
  // layers below); each is committed on top of the one below once that one
  // is (see applyLayer's parentCommitted).
  const committed = present.map(() => {
    let resolve!: () => void;
    let reject!: (err: Error) => void;
    const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    promise.catch(() => {}); // a cancelled pull rejects them all, waited on or not
    return { promise, resolve, reject };
  });
  try {
    const ids = m.layers.map((l) => shortId(l.digest));
    m.layers.forEach((l, i) => progress({ id: ids[i], status: present[i] ? 'Already exists' : 'Pulling fs layer', progressDetail: {} }));
    const limiter = new Limiter(reg.maxConcurrentDownloads);
    const downloads = m.layers.map((l, i) => {
      if (present[i]) return Promise.resolve(undefined);
      if (limiter.full) progress({ id: ids[i], status: 'Waiting', progressDetail: {} });
      return (async () => {
        // The slot is for the transfer, as in dockerd: it is given back once
        // the bytes are in, while the layer still verifies and commits.
        const release = await limiter.acquire();
        try {
          const below = i === 0 || present[i - 1] ? undefined : committed[i - 1].promise;
          return await download(ctx, repo, l, ids[i], progress, state, { parent: i === 0 ? null : chains[i - 1], diffId: diffIds[i], parentCommitted: below }, release);
        } finally {
          release();
        }
      })();
    });
    // Nothing may be left running (or rejecting unobserved) when we return.
    const settled = Promise.allSettled(downloads);
    try {
      let parent: string | null = null;
      for (let i = 0; i < m.layers.length; i++) {
        if (present[i]) {
          const row = ctx.records.layer(chains[i])!;
          layers.push({ chainId: row.chainId, diffId: row.diffId, parent: row.parent, diffSize: row.diffSize, blobDigest: row.blobDigest, mediaType: row.mediaType });
        } else {
          const streamed = await downloads[i];
          let applied: AppliedLayer;
          if (streamed) {
            applied = streamed;
          } else {
            const total = m.layers[i].size;
            let last = 0;
            applied = await applyLayer(ctx, parent, m.layers[i].digest, {
              onRead: (n) => {
                if (n - last >= PROGRESS_STEP || n === total) {
                  last = n;
                  progress({ id: ids[i], status: 'Extracting', progressDetail: { current: n, total } });
                }
              },
            });
            // applyLayer pinned it (again); ours from above stays until the end.
            unpin(ctx, applied.chainId);
            checkDiffId(applied, m.layers[i].digest, diffIds[i]);
          }
          layers.push({ ...applied, mediaType: m.layers[i].mediaType });
          progress({ id: ids[i], status: 'Pull complete', progressDetail: {} });
        }
        committed[i].resolve();
        parent = chains[i];
      }
    } catch (err) {
      state.failed = true;
      for (const c of committed) c.reject(new Error('pull cancelled'));
      await settled;
      throw err;
    }
    const refs: Reference[] = [ref.digest === undefined ? ref : { domain: ref.domain, path: ref.path, digest: ref.digest }];
    if (ref.digest === undefined) refs.push({ domain: ref.domain, path: ref.path, digest: top.digest });
    const prevId = ref.tag !== undefined ? ctx.records.ref(`${refName(ref)}:${ref.tag}`)?.imageId : undefined;
    const { id } = await commitImage(ctx, { config, configJson, layers, refs, manifestDigest: manifest.digest });
    ctx.event('pull', id, { name: familiarString(ref) });
    return { id, digest: top.digest, newer: !existed || prevId !== id };
  } finally {
    for (const c of chains) unpin(ctx, c);
  }
}

/** Network trouble is worth another attempt; a refusal or bad content is not. */
function retryable(err: unknown): boolean {
  if (!(err instanceof BerthError)) return true;
  return err.kind === 'Unavailable' || err.kind === 'System';
}

function checkDiffId(applied: AppliedLayer, digest: string, want: string): void {
  if (applied.diffId !== want) {
    throw invalidArgument(`failed to register layer: layer ${digest} unpacks to ${applied.diffId}, but the image config says ${want}`);
  }
}

/**
 * Fetches one layer blob into the content store. With `unpack`, the bytes
 * also go straight into the layer's snapshot as they arrive (download →
 * decompress → unpack in one pass); the snapshot is committed only after
 * the stored blob verified, and the applied layer is returned.
 */
async function download(
  ctx: Ctx,
  repo: Repository,
  layer: { digest: string; size: number; urls?: string[] },
  id: string,
  progress: ProgressFn,
  state: { failed: boolean },
  unpack?: { parent: string | null; diffId: string; parentCommitted?: Promise<void> },
  transferred: () => void = () => {},
): Promise<AppliedLayer | undefined> {
  if (state.failed) throw new Error('pull cancelled');
  if (await ctx.content.exists(layer.digest)) {
    progress({ id, status: 'Download complete', progressDetail: {} });
    return undefined;
  }
  let res = await repo.blob(layer.digest);
  const total = layer.size;
  const attempts = ctx.registry?.maxDownloadAttempts ?? 5;
  // The blob's bytes, across retries: a connection that fails mid-layer is
  // resumed with a Range request after Docker's pause (5 s, 10 s, …).
  async function* counted(): AsyncGenerator<Buffer> {
    let n = 0;
    let last = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        let skip = res.statusCode === 200 ? n : 0; // a registry that ignored Range resends from the start
        for await (const chunk of res) {
          if (state.failed) {
            res.destroy();
            throw new Error('pull cancelled');
          }
          let c = chunk as Buffer;
          if (skip) {
            const drop = Math.min(skip, c.length);
            skip -= drop;
            c = c.subarray(drop);
            if (!c.length) continue;
          }
          n += c.length;
          if (n - last >= PROGRESS_STEP || n === total) {
            last = n;
            progress({ id, status: 'Downloading', progressDetail: { current: n, total } });
          }
          yield c;
        }
        if (!res.complete) throw unavailable(`downloading ${layer.digest}: the registry closed the connection after ${n} of ${total} bytes`);
        break;
      } catch (err) {
        res.destroy();
        if (state.failed || attempt >= attempts || !retryable(err)) throw err;
        for (let left = attempt * 5; left > 0; left--) {
          progress({ id, status: `Retrying in ${left} second${left > 1 ? 's' : ''}`, progressDetail: {} });
          await new Promise((r) => setTimeout(r, 1000));
          if (state.failed) throw err;
        }
        res = await repo.blob(layer.digest, n);
      }
    }
    transferred();
    progress({ id, status: 'Verifying Checksum', progressDetail: {} });
  }
  const verifyError = (err: unknown): unknown =>
    isKind(err, 'InvalidArgument') && /mismatch/.test((err as Error).message)
      ? invalidArgument(`filesystem layer verification failed for digest ${layer.digest}: ${(err as Error).message}`)
      : err;
  if (!unpack) {
    try {
      await ctx.content.ingest(counted(), { digest: layer.digest, size: layer.size });
    } catch (err) {
      res.destroy();
      throw verifyError(err);
    }
    progress({ id, status: 'Download complete', progressDetail: {} });
    return undefined;
  }
  const { outs, done } = tee(counted());
  const [toStore, toUnpack] = outs;
  const stored = ctx.content.ingest(toStore, { digest: layer.digest, size: layer.size });
  const applied = applyLayer(ctx, unpack.parent, layer.digest, {
    source: toUnpack,
    beforeCommit: async () => void (await stored),
    parentCommitted: unpack.parentCommitted,
  }).catch((err) => {
    toUnpack.destroy(); // the store still gets every byte, so its verdict comes first
    throw err;
  });
  const [s, a] = await Promise.allSettled([stored, applied]);
  await done;
  if (s.status === 'rejected') {
    res.destroy();
    throw verifyError(s.reason);
  }
  progress({ id, status: 'Download complete', progressDetail: {} });
  if (a.status === 'rejected') throw a.reason;
  // applyLayer pinned the chain; the pull pinned it already.
  unpin(ctx, a.value.chainId);
  checkDiffId(a.value, layer.digest, unpack.diffId);
  progress({ id, status: 'Extracting', progressDetail: { current: total, total } });
  return a.value;
}
