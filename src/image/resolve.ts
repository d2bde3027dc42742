// Finding an image the way dockerd's GetImage does: a full ID or digest, a
// repository reference (tag defaults to latest), or else a unique ID prefix.
import { invalidArgument, notFound } from '../errdefs';
import type { ImageRow } from '../metadata/images';
import type { Ctx } from './context';
import { familiarString, parseAnyReference, refName, tagNameOnly, type Reference } from './reference';

/** The key a reference has in the image_refs table. */
export function refKey(r: Reference): string {
  return r.digest !== undefined ? `${refName(r)}@${r.digest}` : `${refName(r)}:${r.tag ?? 'latest'}`;
}

export function findImage(ctx: Ctx, refOrId: string): ImageRow | undefined {
  if (refOrId === '') return undefined;
  const any = parseAnyReference(refOrId);
  if (any.kind === 'digest') return ctx.records.image(any.digest);
  const ref = ctx.records.ref(refKey(any.ref));
  if (ref) return ctx.records.image(ref.imageId);
  const hex = refOrId.startsWith('sha256:') ? refOrId.slice('sha256:'.length) : refOrId;
  const ids = ctx.records.idsByPrefix(hex);
  // An ambiguous prefix finds nothing, as in dockerd.
  return ids.length === 1 ? ctx.records.image(ids[0]) : undefined;
}

export function getImage(ctx: Ctx, refOrId: string): ImageRow {
  if (refOrId === '') throw invalidArgument('image name cannot be blank');
  const row = findImage(ctx, refOrId);
  if (row) return row;
  const any = parseAnyReference(refOrId);
  throw notFound(`No such image: ${any.kind === 'digest' ? any.digest : familiarString(tagNameOnly(any.ref))}`);
}
