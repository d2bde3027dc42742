// What every `docker load` format shares once the archive is unpacked into a
// private dir: JSON files read by a path resolved inside that dir, tags
// parsed from the archive, and a layer file stored, verified and unpacked
// on top of its parent with dockerd's "Loading layer" progress.
import { createReadStream, promises as fsp } from 'node:fs';
import { invalidArgument } from '../errdefs';
import { resolveFollow } from '../util/tar/resolve';
import type { Ctx } from './context';
import { applyLayer, type AppliedLayer } from './layers';
import { parseNormalizedNamed, tagNameOnly, type Reference } from './reference';

export interface LoadMessage {
  stream?: string;
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current: number; total: number };
}

export async function readJSON(root: string, rel: string): Promise<any> {
  const p = await resolveFollow(root, rel);
  let text: string;
  try {
    text = await fsp.readFile(p, 'utf8');
  } catch {
    throw invalidArgument(`invalid archive: ${rel} is missing`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalidArgument(`invalid archive: ${rel} is not valid JSON`);
  }
}

/** True when `rel` exists inside the unpacked archive. */
export async function hasEntry(root: string, rel: string): Promise<boolean> {
  return fsp.lstat(await resolveFollow(root, rel)).then(
    () => true,
    () => false,
  );
}

/** A tag named in the archive (name:tag; no digests), or undefined when it is not one. */
export function parseRef(name: string): Reference | undefined {
  try {
    const r = parseNormalizedNamed(name);
    return r.digest === undefined ? tagNameOnly(r) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores the layer file `rel` (verified against `digest` when the format
 * names one), unpacks it on top of `parentChain` and reports it. The result
 * is pinned: the caller unpins it once an image holds it or it is abandoned.
 */
export async function loadLayerFile(
  ctx: Ctx,
  root: string,
  rel: string,
  parentChain: string | null,
  progress: (m: LoadMessage) => void,
  digest?: string,
): Promise<AppliedLayer> {
  const file = await resolveFollow(root, rel);
  const st = await fsp.stat(file).catch(() => undefined);
  if (!st?.isFile()) throw invalidArgument(`invalid archive: layer ${rel} is missing`);
  const blob = await ctx.content.ingest(createReadStream(file), digest ? { digest } : undefined);
  const layer = await applyLayer(ctx, parentChain, blob.digest);
  progress({
    status: 'Loading layer',
    id: layer.diffId.slice(7, 19),
    progressDetail: { current: st.size, total: st.size },
    progress: `[==================================================>]  ${st.size}B/${st.size}B`,
  });
  return layer;
}
