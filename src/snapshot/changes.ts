// What changed in an overlay upper dir relative to its lower dirs, the way
// dockerd's overlay2 driver reports it (archive.OverlayChanges): a 0:0
// character device is a deletion, an opaque directory a modification, any
// other entry a modification when a lower layer has that path and an
// addition otherwise. Paths in `skip` (the mount points runc makes, which
// Docker keeps in its init layer) and directories that changed only because
// of them are left out.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { opaqueDirs } from '../util/tar/pack';

export type ChangeKind = 0 | 1 | 2; // Docker's ChangeModify, ChangeAdd, ChangeDelete

export interface Change {
  Path: string;
  Kind: ChangeKind;
}

async function existsInLower(lowers: string[], rel: string): Promise<boolean> {
  for (const l of lowers) {
    if (await fsp.lstat(path.join(l, rel)).catch(() => undefined)) return true;
  }
  return false;
}

export async function overlayChanges(upper: string, lowers: string[], skip: Set<string> = new Set()): Promise<Change[]> {
  const opaque = await opaqueDirs(upper);
  const out: Change[] = [];
  // Returns whether anything below (or at) rel was reported.
  async function walk(dir: string, rel: string): Promise<boolean> {
    let reported = false;
    for (const name of (await fsp.readdir(dir)).sort()) {
      const r = `${rel}/${name}`;
      if (skip.has(r)) continue;
      const host = path.join(dir, name);
      const st = await fsp.lstat(host);
      if (st.isCharacterDevice() && st.rdev === 0) {
        out.push({ Path: r, Kind: 2 });
        reported = true;
        continue;
      }
      const inLower = await existsInLower(lowers, r);
      const idx = out.length;
      out.push({ Path: r, Kind: inLower ? 0 : 1 });
      let below = false;
      if (st.isDirectory()) below = await walk(host, r);
      // A directory copied up only for skipped mount points is no change; nor
      // is one made only to hold them (the init files' /etc in an image without
      // one, which Docker keeps in a layer of its own).
      if (st.isDirectory() && !below && !opaque.has(host)) {
        const children = await fsp.readdir(host);
        const skippedOnly = (inLower || children.length > 0) && children.every((c) => skip.has(`${r}/${c}`));
        if (skippedOnly) {
          out.splice(idx, 1);
          continue;
        }
      }
      reported = true;
    }
    return reported;
  }
  await walk(upper, '');
  return out.sort((a, b) => (a.Path < b.Path ? -1 : a.Path > b.Path ? 1 : 0));
}

/** The upper and lower dirs of an overlay mount (or the one dir of a bind), from mount options. */
export function overlayDirs(mounts: { type: string; source: string; options: string[] }[]): { upper: string; lowers: string[] } | undefined {
  const m = mounts[0];
  if (!m) return undefined;
  if (m.type !== 'overlay') return { upper: m.source, lowers: [] };
  const opt = (k: string) => m.options.find((o) => o.startsWith(`${k}=`))?.slice(k.length + 1);
  const upper = opt('upperdir');
  if (!upper) return undefined;
  return { upper, lowers: (opt('lowerdir') ?? '').split(':').filter(Boolean) };
}
