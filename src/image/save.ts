// `docker save`: images as one tar that both Docker's loaders read — an OCI
// image layout (oci-layout, index.json, blobs/sha256/…) plus the
// docker-archive manifest.json and repositories files pointing into the same
// blobs, which is what Docker 25+ writes and what Docker 20.10's load reads.
import type * as tar from 'tar-stream';
import { tarStream } from '../util/tar/tar-stream';
import { invalidArgument } from '../errdefs';
import { drainOrClose } from '../util/drain';
import type { Ctx } from './context';
import { MEDIA_CONFIG, MEDIA_MANIFEST } from './create';
import { MEDIA_LAYER_TAR } from './layers';
import { familiarName, familiarString, parseAnyReference, refString, tagNameOnly, type Reference } from './reference';
import { getImage, refKey } from './resolve';

const MEDIA_INDEX = 'application/vnd.oci.image.index.v1+json';

interface Selected {
  id: string;
  /** References to record for this image (empty when saved by ID). */
  refs: Reference[];
}

/** Names → images: a repository without a tag means every tag of it, like docker save. */
export function selectImages(ctx: Ctx, names: string[]): Selected[] {
  if (names.length === 0) throw invalidArgument('no images specified');
  const out = new Map<string, Selected>();
  const add = (id: string, ref?: Reference) => {
    const s = out.get(id) ?? { id, refs: [] };
    if (ref && !s.refs.some((r) => refString(r) === refString(ref))) s.refs.push(ref);
    out.set(id, s);
  };
  for (const name of names) {
    const any = (() => {
      try {
        return parseAnyReference(name);
      } catch {
        return undefined;
      }
    })();
    if (any?.kind === 'named' && any.ref.tag === undefined && any.ref.digest === undefined) {
      const full = `${any.ref.domain}/${any.ref.path}`;
      const tagged = ctx.records.refs().filter((r) => r.name === full && r.tag !== null);
      if (tagged.length) {
        for (const r of tagged) add(r.imageId, { ...any.ref, tag: r.tag as string });
        continue;
      }
    }
    const row = getImage(ctx, name);
    // Saved by a name (not by an ID or ID prefix): that name goes into the archive.
    const named = any?.kind === 'named' && any.ref.digest === undefined ? tagNameOnly(any.ref) : undefined;
    add(row.id, named && ctx.records.ref(refKey(named))?.imageId === row.id ? named : undefined);
  }
  return [...out.values()];
}

export function saveImages(ctx: Ctx, names: string[]): AsyncIterable<Buffer> {
  const selected = selectImages(ctx, names); // throws (404) before any byte is sent
  const pack = tarStream().pack();
  const written = new Set<string>();
  // A reader that goes away destroys the pack: close the blob being read and stop.
  let aborted = false;
  let current: { destroy?: () => void } | undefined;
  pack.on('close', () => {
    aborted = true;
    current?.destroy?.();
  });
  const putBuf = (name: string, data: Buffer | string): Promise<void> =>
    new Promise((resolve, reject) => {
      pack.entry({ name, mode: 0o644, mtime: new Date(0) }, typeof data === 'string' ? Buffer.from(data) : data, (err) => (err ? reject(err) : resolve()));
    });
  const putBlob = async (digest: string): Promise<void> => {
    if (written.has(digest)) return;
    written.add(digest);
    if (aborted) throw new Error('save: the reader went away');
    const info = await ctx.content.info(digest);
    const src = await ctx.content.readStream(digest);
    current = src as unknown as { destroy?: () => void };
    await new Promise<void>((resolve, reject) => {
      const entry = pack.entry({ name: `blobs/sha256/${digest.slice(7)}`, size: info.size, mode: 0o644, mtime: new Date(0) }, (err) =>
        err ? reject(err) : resolve(),
      );
      (async () => {
        for await (const chunk of src) {
          if (aborted) throw new Error('save: the reader went away');
          if (!entry.write(chunk)) await drainOrClose(entry, pack);
        }
        if (aborted) throw new Error('save: the reader went away');
        entry.end(undefined);
      })().catch(reject);
    });
  };

  (async () => {
    try {
      const dockerManifest: { Config: string; RepoTags: string[]; Layers: string[] }[] = [];
      const repositories: Record<string, Record<string, string>> = {};
      const index: { schemaVersion: 2; mediaType: string; manifests: unknown[] } = { schemaVersion: 2, mediaType: MEDIA_INDEX, manifests: [] };
      await putBuf('oci-layout', JSON.stringify({ imageLayoutVersion: '1.0.0' }));
      for (const sel of selected) {
        const row = ctx.records.image(sel.id);
        if (!row) continue;
        const chains = ctx.records.layersOf(row.id);
        const layers = chains.map((c) => ctx.records.layer(c)!);
        await putBlob(row.id);
        const layerDescs = [];
        for (const l of layers) {
          if (!l.blobDigest) throw new Error(`layer ${l.chainId} of ${row.id} has no stored blob`);
          await putBlob(l.blobDigest);
          layerDescs.push({ mediaType: l.mediaType ?? MEDIA_LAYER_TAR, digest: l.blobDigest, size: (await ctx.content.info(l.blobDigest)).size });
        }
        const configSize = (await ctx.content.info(row.id)).size;
        const manifest = JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_MANIFEST, config: { mediaType: MEDIA_CONFIG, digest: row.id, size: configSize }, layers: layerDescs });
        const mdigest = (await ctx.content.put(manifest)).digest;
        // (the same bytes commitImage stored, so normally no new blob)
        await putBlob(mdigest);
        const msize = Buffer.byteLength(manifest);
        const tags = sel.refs.map((r) => familiarString(r));
        if (sel.refs.length === 0) index.manifests.push({ mediaType: MEDIA_MANIFEST, digest: mdigest, size: msize });
        for (const r of sel.refs) {
          index.manifests.push({
            mediaType: MEDIA_MANIFEST,
            digest: mdigest,
            size: msize,
            annotations: { 'io.containerd.image.name': refString(r), 'org.opencontainers.image.ref.name': r.tag ?? 'latest' },
          });
          (repositories[familiarName(r)] ??= {})[r.tag ?? 'latest'] = layers.length ? layers[layers.length - 1].chainId.slice(7) : '';
        }
        dockerManifest.push({
          Config: `blobs/sha256/${row.id.slice(7)}`,
          RepoTags: tags,
          Layers: layers.map((l) => `blobs/sha256/${(l.blobDigest as string).slice(7)}`),
        });
      }
      await putBuf('index.json', JSON.stringify(index));
      await putBuf('manifest.json', JSON.stringify(dockerManifest));
      if (Object.keys(repositories).length) await putBuf('repositories', JSON.stringify(repositories));
      pack.finalize();
      // dockerd logs `save` for each image once the archive is written
      for (const sel of selected) ctx.event('save', sel.id, { name: sel.refs.length ? familiarString(sel.refs[0]) : sel.id });
    } catch (err) {
      pack.destroy(err as Error);
    }
  })();
  return pack as unknown as AsyncIterable<Buffer>;
}
