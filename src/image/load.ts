// `docker load`: reads a docker-archive (manifest.json, as `docker save`
// writes it, old and new), an OCI image layout (index.json) or a legacy
// (pre-1.10, `repositories` and v1 JSONs only: load-legacy.ts) tarball. The
// archive is first unpacked into a private temp dir with the secure
// extractor (no `..`, no absolute paths, no writes through symlinks, no
// device nodes), every path the manifests name is resolved inside that dir,
// OCI blobs are verified against their digests, and each layer's diffID must
// match the image config before the image is recorded.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { BerthError, invalidArgument } from '../errdefs';
import { extractTar } from '../util/tar/extract';
import { resolveFollow } from '../util/tar/resolve';
import type { Ctx } from './context';
import { unpin } from './context';
import { commitImage } from './create';
import { hostArchitecture } from './import';
import type { AppliedLayer } from './layers';
import { familiarString, type Reference } from './reference';
import { hasEntry, loadLayerFile, parseRef, readJSON, type LoadMessage } from './archive-parts';
import { loadLegacy } from './load-legacy';
import type { ImageConfig } from './types';

interface ToLoad {
  configPath: string;
  /** Expected digest of the config (OCI layouts). */
  configDigest?: string;
  layers: { path: string; digest?: string }[];
  refs: Reference[];
}

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];

function blobPath(digest: string): string {
  const m = /^(sha256|sha512):([a-f0-9]+)$/.exec(digest);
  if (!m) throw invalidArgument(`invalid digest ${JSON.stringify(digest)} in the archive`);
  return `blobs/${m[1]}/${m[2]}`;
}

async function dockerArchive(root: string): Promise<ToLoad[]> {
  const manifest = await readJSON(root, 'manifest.json');
  if (!Array.isArray(manifest)) throw invalidArgument('invalid archive: manifest.json is not a list');
  return manifest.map((m: { Config?: string; RepoTags?: string[] | null; Layers?: string[] }) => {
    if (typeof m?.Config !== 'string' || !Array.isArray(m.Layers)) throw invalidArgument('invalid archive: bad manifest.json entry');
    const refs: Reference[] = [];
    for (const t of m.RepoTags ?? []) {
      const r = parseRef(t);
      if (!r) throw invalidArgument(`invalid tag ${JSON.stringify(t)} in manifest.json`);
      refs.push(r);
    }
    return { configPath: m.Config, layers: m.Layers.map((p) => ({ path: String(p) })), refs };
  });
}

async function ociLayout(root: string): Promise<ToLoad[]> {
  const index = await readJSON(root, 'index.json');
  const out: ToLoad[] = [];
  const byManifest = new Map<string, ToLoad>();
  const want = hostArchitecture();
  const visit = async (desc: any, name: string | undefined, depth: number): Promise<void> => {
    if (depth > 4) throw invalidArgument('invalid archive: index nesting too deep');
    if (INDEX_TYPES.includes(desc.mediaType)) {
      const idx = await readJSON(root, blobPath(desc.digest));
      const list: any[] = idx.manifests ?? [];
      const pick = list.find((m) => m.platform?.os === 'linux' && m.platform?.architecture === want) ?? list.find((m) => !m.platform) ?? list[0];
      if (pick) await visit(pick, name, depth + 1);
      return;
    }
    const manifest = await readJSON(root, blobPath(desc.digest));
    let entry = byManifest.get(desc.digest);
    if (!entry) {
      entry = {
        configPath: blobPath(manifest.config?.digest),
        configDigest: manifest.config?.digest,
        layers: (manifest.layers ?? []).map((l: { digest: string }) => ({ path: blobPath(l.digest), digest: l.digest })),
        refs: [],
      };
      byManifest.set(desc.digest, entry);
      out.push(entry);
    }
    const ref = name ? parseRef(name) : undefined;
    if (ref) entry.refs.push(ref);
  };
  for (const desc of index.manifests ?? []) {
    const a = desc.annotations ?? {};
    await visit(desc, a['io.containerd.image.name'] ?? (String(a['org.opencontainers.image.ref.name'] ?? '').includes(':') ? a['org.opencontainers.image.ref.name'] : undefined), 0);
  }
  return out;
}

async function loadOne(ctx: Ctx, root: string, item: ToLoad, progress: (m: LoadMessage) => void): Promise<{ id: string; refs: Reference[]; untagged: string[] }> {
  const configFile = await resolveFollow(root, item.configPath);
  const configJson = await fsp.readFile(configFile, 'utf8').catch(() => {
    throw invalidArgument(`invalid archive: config ${item.configPath} is missing`);
  });
  // Verified against the manifest's digest for OCI layouts; the image ID is this digest.
  await ctx.content.put(configJson, item.configDigest ? { digest: item.configDigest } : undefined);
  let config: ImageConfig;
  try {
    config = JSON.parse(configJson) as ImageConfig;
  } catch {
    throw invalidArgument(`invalid archive: config ${item.configPath} is not valid JSON`);
  }
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== item.layers.length) {
    throw invalidArgument(`invalid manifest, layers length mismatch: expected ${diffIds.length}, got ${item.layers.length}`);
  }
  const applied: AppliedLayer[] = [];
  try {
    for (const [i, l] of item.layers.entries()) {
      const layer = await loadLayerFile(ctx, root, l.path, applied.length ? applied[applied.length - 1].chainId : null, progress, l.digest);
      applied.push(layer);
      if (layer.diffId !== diffIds[i]) {
        throw invalidArgument(`invalid diffID for layer ${i}: calculated ${layer.diffId}, expected ${diffIds[i]}`);
      }
    }
    const { id, untagged } = await commitImage(ctx, { config, configJson, layers: applied, refs: item.refs });
    ctx.event('load', id);
    return { id, refs: item.refs, untagged };
  } finally {
    for (const l of applied) unpin(ctx, l.chainId);
  }
}

export async function loadImages(ctx: Ctx, src: AsyncIterable<Buffer>, tmpRoot: string, progress: (m: LoadMessage) => void): Promise<void> {
  await fsp.mkdir(tmpRoot, { recursive: true, mode: 0o700 });
  const dir = path.join(tmpRoot, `load-${randomBytes(8).toString('hex')}`);
  await fsp.mkdir(dir, { mode: 0o700 });
  try {
    try {
      await extractTar(src, dir, { whiteouts: 'none', devices: false, chown: false });
    } catch (err) {
      if (err instanceof BerthError) throw err;
      throw invalidArgument(`invalid archive: ${(err as Error).message}`);
    }
    const hasManifest = await hasEntry(dir, 'manifest.json');
    const hasIndex = !hasManifest && (await hasEntry(dir, 'index.json'));
    // dockerd's order: manifest.json, else (berth) an OCI layout, else the legacy format.
    if (!hasManifest && !hasIndex) {
      if (await hasEntry(dir, 'repositories')) return await loadLegacy(ctx, dir, progress);
      throw invalidArgument('invalid archive: neither manifest.json, index.json nor repositories found (not a docker save or OCI layout tar)');
    }
    const items = hasManifest ? await dockerArchive(dir) : await ociLayout(dir);
    for (const item of items) {
      const { id, refs, untagged } = await loadOne(ctx, dir, item, progress);
      for (const old of untagged) {
        const r = refs.find(() => true);
        if (r && old !== id) progress({ stream: `The image ${familiarString(r)} already exists, renaming the old one with ID ${old} to empty string\n` });
      }
      if (refs.length === 0) progress({ stream: `Loaded image ID: ${id}\n` });
      for (const r of refs) progress({ stream: `Loaded image: ${familiarString(r)}\n` });
    }
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
