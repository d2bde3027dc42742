// `docker rmi`, following dockerd's daemon/images/image_delete.go closely
// (its messages and its hard/soft conflict rules are what clients expect):
//  - by reference: untag it; the image goes only with its last reference,
//    and not while a container uses it unless forced;
//  - by ID: remove the image with all its references if they are all in one
//    repository; running containers and child images always block (hard),
//    stopped containers and references in several repositories need force.
//  - then parents without references are pruned quietly unless noprune.
import { conflict } from '../errdefs';
import { shortId } from '../util/digest';
import type { Ctx } from './context';
import { releaseLayers } from './layers';
import { familiarString, parseNormalizedNamed, refName, tagNameOnly } from './reference';
import { getImage, refKey } from './resolve';
import type { RefRow } from '../metadata/images';
import type { DeleteItem, RemoveOptions } from './types';

const DEPENDENT_CHILD = 1;
const RUNNING_CONTAINER = 2;
const ACTIVE_REFERENCE = 4;
const STOPPED_CONTAINER = 8;
const HARD = DEPENDENT_CHILD | RUNNING_CONTAINER;
const SOFT = ACTIVE_REFERENCE | STOPPED_CONTAINER;

interface DeleteConflict {
  hard: boolean;
  used: boolean;
  message: string;
}

/** Public entry: takes the store lock. */
export function removeImage(ctx: Ctx, refOrId: string, opts: RemoveOptions = {}): Promise<DeleteItem[]> {
  return ctx.lock.run(() => removeLocked(ctx, refOrId, opts));
}

export async function removeLocked(ctx: Ctx, refOrId: string, opts: RemoveOptions): Promise<DeleteItem[]> {
  const force = opts.force ?? false;
  const img = getImage(ctx, refOrId);
  const out: DeleteItem[] = [];
  let refs = ctx.records.refsOf(img.id);
  let removedRepositoryRef = false;

  if (!isImageIdPrefix(img.id, refOrId)) {
    if (!force && isSingleReference(refs)) {
      const user = ctx.users(img.id)[0];
      if (user) {
        throw conflict(
          `conflict: unable to remove repository reference "${refOrId}" (must force) - container ${shortId(user.id)} is using its referenced image ${shortId(img.id)}`,
        );
      }
    }
    const parsed = tagNameOnly(parseNormalizedNamed(refOrId));
    ctx.records.transaction(() => ctx.records.deleteRef(refKey(parsed)));
    out.push({ Untagged: familiarString(parsed) });
    ctx.event('untag', img.id);
    refs = ctx.records.refsOf(img.id);
    if (parsed.digest === undefined) {
      // Removing the repository's last tag also drops its digest references.
      const name = refName(parsed);
      if (!refs.some((r) => r.digest === null && r.name === name)) {
        for (const r of refs.filter((r) => r.digest !== null && r.name === name)) untag(ctx, img.id, r, out);
        refs = ctx.records.refsOf(img.id);
      }
    }
    if (refs.length > 0) return out;
    removedRepositoryRef = true;
  } else if (isSingleReference(refs)) {
    const c = checkConflict(ctx, img.id, HARD | (force ? 0 : SOFT & ~ACTIVE_REFERENCE));
    if (c) throw conflictError(img.id, c);
    for (const r of refs) untag(ctx, img.id, r, out);
  }
  await deleteImage(ctx, img.id, out, force, !(opts.noprune ?? false), removedRepositoryRef);
  return out;
}

function untag(ctx: Ctx, id: string, r: RefRow, out: DeleteItem[]): void {
  ctx.records.transaction(() => ctx.records.deleteRef(r.ref));
  out.push({ Untagged: familiarString(parseNormalizedNamed(r.ref)) });
  ctx.event('untag', id);
}

/** imageDeleteHelper: delete one image (if nothing blocks it), then maybe its parent. */
async function deleteImage(ctx: Ctx, id: string, out: DeleteItem[], force: boolean, prune: boolean, quiet: boolean): Promise<void> {
  const c = checkConflict(ctx, id, HARD | (force ? 0 : SOFT));
  if (c) {
    // Quietly keep an image that still has a purpose; tell the user about an unused dangling one.
    if (quiet && (!isDangling(ctx, id) || c.used)) return;
    throw conflictError(id, c);
  }
  const row = ctx.records.image(id);
  if (!row) return;
  for (const r of ctx.records.refsOf(id)) untag(ctx, id, r, out);
  const chains = ctx.records.layersOf(id);
  ctx.event('delete', id);
  ctx.records.transaction(() => ctx.records.deleteImage(id));
  out.push({ Deleted: id });
  for (const chain of await releaseLayers(ctx, chains)) out.push({ Deleted: chain });
  await ctx.content.delete(id);
  if (row.manifestDigest) await ctx.content.delete(row.manifestDigest);
  if (prune && row.parent) await deleteImage(ctx, row.parent, out, false, true, true);
}

function checkConflict(ctx: Ctx, id: string, mask: number): DeleteConflict | undefined {
  if (mask & DEPENDENT_CHILD && ctx.records.children(id).length > 0) {
    return { hard: true, used: false, message: 'image has dependent child images' };
  }
  const users = mask & (RUNNING_CONTAINER | STOPPED_CONTAINER) ? ctx.users(id) : [];
  const running = users.find((u) => u.running);
  if (mask & RUNNING_CONTAINER && running) {
    return { hard: true, used: true, message: `image is being used by running container ${shortId(running.id)}` };
  }
  if (mask & ACTIVE_REFERENCE && ctx.records.refsOf(id).length > 0) {
    return { hard: false, used: false, message: 'image is referenced in multiple repositories' };
  }
  const stopped = users.find((u) => !u.running);
  if (mask & STOPPED_CONTAINER && stopped) {
    return { hard: false, used: true, message: `image is being used by stopped container ${shortId(stopped.id)}` };
  }
  return undefined;
}

function conflictError(id: string, c: DeleteConflict): Error {
  return conflict(`conflict: unable to delete ${shortId(id)} (${c.hard ? 'cannot be forced' : 'must be forced'}) - ${c.message}`);
}

function isDangling(ctx: Ctx, id: string): boolean {
  return ctx.records.refsOf(id).length === 0 && ctx.records.children(id).length === 0;
}

/** All references in one repository with at most one tag. */
function isSingleReference(refs: RefRow[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  let single: RefRow | undefined;
  const canonical = new Set<string>();
  for (const r of refs) {
    if (r.digest !== null) canonical.add(r.name);
    else if (!single) single = r;
    else return false;
  }
  single ??= refs[0];
  return canonical.size === 1 && canonical.has(single.name);
}

function isImageIdPrefix(id: string, s: string): boolean {
  return id.startsWith(s) || id.slice('sha256:'.length).startsWith(s);
}
