// `docker load` of the legacy `docker save` format (Docker before 1.10): no
// manifest.json, a `repositories` file ({"name": {"tag": "layer id"}}) and
// one directory per layer with its v1 JSON (id, parent, config, …) and
// layer.tar. As moby's tarexport legacyLoad: every directory is an image
// whose layers are its parent chain's, its config is made from its own v1
// JSON (v1-config.ts), its parent image is the parent directory's, and the
// tags come from `repositories`.
//
// Unlike dockerd, the whole archive is checked before anything is stored —
// IDs that are not one plain directory name, parents missing from the
// archive, loops of parents, tags that name no layer, Windows images — so a
// hostile archive is refused with a clear message and leaves no image.
import { promises as fsp } from 'node:fs';
import { invalidArgument } from '../errdefs';
import type { Ctx } from './context';
import { unpin } from './context';
import { commitImage } from './create';
import type { AppliedLayer } from './layers';
import { familiarString, type Reference } from './reference';
import { loadLayerFile, parseRef, readJSON, type LoadMessage } from './archive-parts';
import type { ImageConfig } from './types';
import { configFromV1, historyFromV1, type V1History, type V1Image } from './v1-config';

interface LegacyLayer {
  id: string;
  v1: Record<string, unknown> & V1Image;
  parent?: string;
}

interface Plan {
  /** Parents before children. */
  order: LegacyLayer[];
  tags: Map<string, Reference[]>;
}

/** A layer ID is one directory of the archive: never a path. */
function checkId(id: unknown, where: string): string {
  if (typeof id !== 'string' || id === '' || id === '.' || id === '..' || /[/\\\0]/.test(id)) {
    throw invalidArgument(`invalid archive: invalid layer ID ${JSON.stringify(id)} in ${where}`);
  }
  return id;
}

async function readLayers(root: string): Promise<Map<string, LegacyLayer>> {
  const layers = new Map<string, LegacyLayer>();
  for (const d of await fsp.readdir(root, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    const id = checkId(d.name, 'the archive');
    const v1 = await readJSON(root, `${id}/json`);
    if (!v1 || typeof v1 !== 'object' || Array.isArray(v1)) throw invalidArgument(`invalid archive: ${id}/json is not a JSON object`);
    const os = v1.os ?? '';
    if (os !== '' && os !== 'linux') throw invalidArgument(`cannot load ${os} image on linux`);
    const parent = v1.parent === undefined || v1.parent === '' ? undefined : checkId(v1.parent, `${id}/json`);
    layers.set(id, { id, v1, parent });
  }
  return layers;
}

/** Parents first; a parent that is missing or a chain that loops is refused. */
function orderLayers(layers: Map<string, LegacyLayer>): LegacyLayer[] {
  const order: LegacyLayer[] = [];
  const done = new Set<string>();
  for (const start of layers.values()) {
    const chain: LegacyLayer[] = [];
    const onChain = new Set<string>();
    for (let l: LegacyLayer | undefined = start; l && !done.has(l.id); ) {
      if (onChain.has(l.id)) throw invalidArgument(`invalid archive: the parents of layer ${start.id} loop back to ${l.id}`);
      onChain.add(l.id);
      chain.push(l);
      if (l.parent === undefined) break;
      const p = layers.get(l.parent);
      if (!p) throw invalidArgument(`invalid archive: layer ${l.id} has parent ${l.parent}, which is not in the archive`);
      l = p;
    }
    for (const l of chain.reverse()) {
      order.push(l);
      done.add(l.id);
    }
  }
  return order;
}

async function readTags(root: string, layers: Map<string, LegacyLayer>): Promise<Map<string, Reference[]>> {
  const repos = await readJSON(root, 'repositories');
  if (!repos || typeof repos !== 'object' || Array.isArray(repos)) throw invalidArgument('invalid archive: repositories is not a JSON object');
  const tags = new Map<string, Reference[]>();
  for (const [name, tagMap] of Object.entries(repos)) {
    if (!tagMap || typeof tagMap !== 'object' || Array.isArray(tagMap)) throw invalidArgument(`invalid archive: repositories: ${JSON.stringify(name)} is not a map of tags`);
    for (const [tag, id] of Object.entries(tagMap as Record<string, unknown>)) {
      // dockerd's message for a tag whose layer is not in the archive.
      if (typeof id !== 'string' || !layers.has(id)) throw invalidArgument(`invalid target ID: ${typeof id === 'string' ? id : JSON.stringify(id)}`);
      const ref = parseRef(`${name}:${tag}`);
      if (!ref || ref.tag !== tag) throw invalidArgument(`invalid tag ${JSON.stringify(`${name}:${tag}`)} in repositories`);
      tags.set(id, [...(tags.get(id) ?? []), ref]);
    }
  }
  return tags;
}

async function plan(root: string): Promise<Plan> {
  const layers = await readLayers(root);
  const order = orderLayers(layers);
  return { order, tags: await readTags(root, layers) };
}

interface Built {
  layers: AppliedLayer[];
  history: V1History[];
  configJson: string;
}

export async function loadLegacy(ctx: Ctx, root: string, progress: (m: LoadMessage) => void): Promise<void> {
  const { order, tags } = await plan(root);
  const built = new Map<string, Built>();
  const pinned: AppliedLayer[] = [];
  try {
    // Every layer first; only then the images, so a bad layer.tar leaves none.
    for (const l of order) {
      const below = l.parent === undefined ? undefined : built.get(l.parent)!;
      const parentChain = below?.layers.length ? below.layers[below.layers.length - 1].chainId : null;
      const layer = await loadLayerFile(ctx, root, `${l.id}/layer.tar`, parentChain, progress);
      pinned.push(layer);
      const layers = [...(below?.layers ?? []), layer];
      const history = [...(below?.history ?? []), historyFromV1(l.v1)];
      built.set(l.id, { layers, history, configJson: configFromV1(l.v1, layers.map((x) => x.diffId), history) });
    }
    const imageIds = new Map<string, string>();
    for (const l of order) {
      const b = built.get(l.id)!;
      const refs = tags.get(l.id) ?? [];
      const { id, untagged } = await commitImage(ctx, {
        config: JSON.parse(b.configJson) as ImageConfig,
        configJson: b.configJson,
        layers: b.layers,
        refs,
        parent: l.parent === undefined ? undefined : imageIds.get(l.parent),
      });
      imageIds.set(l.id, id);
      if (refs.length) ctx.event('load', id);
      // dockerd's legacy load says only this; no "Loaded image" lines.
      for (const old of untagged) {
        if (old !== id) progress({ stream: `The image ${familiarString(refs[0])} already exists, renaming the old one with ID ${old} to empty string\n` });
      }
    }
  } finally {
    for (const l of pinned) unpin(ctx, l.chainId);
  }
}
