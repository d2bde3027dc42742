// User-namespace id mappings (berthd --userns-remap): which host uid/gid each
// container uid/gid is. Ranges are the OCI spec's (containerID, hostID,
// size); the container's ids are numbered 0.. across the subordinate ranges
// in the order /etc/subuid lists them, as dockerd numbers them.
import { invalidArgument } from '../errdefs';

export interface IdRange {
  containerID: number;
  hostID: number;
  size: number;
}

export interface IdMapping {
  uids: IdRange[];
  gids: IdRange[];
}

export interface Owner {
  uid: number;
  gid: number;
}

/** The kernel's overflowuid/overflowgid: what an unmapped id looks like from inside a user namespace. */
export const OVERFLOW_ID = 65534;

/** Container ranges numbered from 0 over subordinate (start, count) ranges, at most `max` of them (dockerd: five). */
export function rangesFrom(sub: { start: number; count: number }[], max = 5): IdRange[] {
  const out: IdRange[] = [];
  let next = 0;
  for (const r of sub.slice(0, max)) {
    out.push({ containerID: next, hostID: r.start, size: r.count });
    next += r.count;
  }
  return out;
}

export function hostIdOf(ranges: IdRange[], id: number): number | undefined {
  for (const r of ranges) if (id >= r.containerID && id < r.containerID + r.size) return r.hostID + (id - r.containerID);
  return undefined;
}

export function containerIdOf(ranges: IdRange[], id: number): number | undefined {
  for (const r of ranges) if (id >= r.hostID && id < r.hostID + r.size) return r.containerID + (id - r.hostID);
  return undefined;
}

/**
 * Container ids → host ids, e.g. for files unpacked into a remapped store.
 * An id the mapping does not reach cannot be stored: an error, as dockerd's.
 */
export function toHost(m: IdMapping | undefined, o: Owner): Owner {
  if (!m) return o;
  const uid = hostIdOf(m.uids, o.uid);
  if (uid === undefined) throw invalidArgument(`Container ID ${o.uid} cannot be mapped to a host ID`);
  const gid = hostIdOf(m.gids, o.gid);
  if (gid === undefined) throw invalidArgument(`Container ID ${o.gid} cannot be mapped to a host ID`);
  return { uid, gid };
}

/**
 * Host ids → container ids, e.g. for files packed out of a remapped store.
 * An id outside the mapping becomes the overflow id, which is what the
 * container's own processes see for such a file.
 */
export function toContainer(m: IdMapping | undefined, o: Owner): Owner {
  if (!m) return o;
  return { uid: containerIdOf(m.uids, o.uid) ?? OVERFLOW_ID, gid: containerIdOf(m.gids, o.gid) ?? OVERFLOW_ID };
}

/** The host ids of the container's root (0:0); 0:0 without a mapping. */
export function rootPair(m: IdMapping | undefined): Owner {
  return toHost(m, { uid: 0, gid: 0 });
}
