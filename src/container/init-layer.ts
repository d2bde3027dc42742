// Docker's init layer: every container has /.dockerenv and the files berthd
// later binds over (/etc/hosts, /etc/hostname, /etc/resolv.conf), even one
// that was created and never started — `docker cp` from it and
// GET /archive?path=/etc/resolv.conf answer 200 there. Docker keeps them in
// a layer of their own under the container's; berth writes them into the
// writable layer, only where the image has none, and every reader that
// must not see them (diff, commit, export, build) already skips these paths
// (INIT_PATHS). Files are empty and 0755, as dockerd's initlayer makes them.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

const FILES = ['/.dockerenv', '/etc/hosts', '/etc/hostname', '/etc/resolv.conf'];

async function lstatOrNull(p: string): Promise<import('node:fs').Stats | null> {
  return fsp.lstat(p).catch(() => null);
}

/** The topmost lower layer's entry for `rel` (lowers are listed top first, as overlay's lowerdir). */
async function inLowers(lowers: string[], rel: string): Promise<import('node:fs').Stats | null> {
  for (const l of lowers) {
    const st = await lstatOrNull(path.join(l, rel));
    if (st) return st;
  }
  return null;
}

export async function writeInitEntries(upper: string, lowers: string[], owner: { uid: number; gid: number } = { uid: 0, gid: 0 }): Promise<void> {
  for (const rel of FILES) {
    if ((await lstatOrNull(path.join(upper, rel))) || (await inLowers(lowers, rel))) continue;
    const dir = path.posix.dirname(rel);
    if (dir !== '/' && !(await lstatOrNull(path.join(upper, dir)))) {
      // The upper dir's owner and mode win in the merged view: take the image's.
      const lower = await inLowers(lowers, dir);
      if (lower && !lower.isDirectory()) continue; // /etc is not a directory in this image: leave it be
      await fsp.mkdir(path.join(upper, dir));
      await fsp.chmod(path.join(upper, dir), lower ? lower.mode & 0o7777 : 0o755);
      await fsp.chown(path.join(upper, dir), lower ? lower.uid : owner.uid, lower ? lower.gid : owner.gid);
      if (lower) await fsp.utimes(path.join(upper, dir), lower.atime, lower.mtime);
    }
    const fh = await fsp.open(path.join(upper, rel), 'wx', 0o755);
    await fh.close();
    await fsp.chmod(path.join(upper, rel), 0o755);
    await fsp.chown(path.join(upper, rel), owner.uid, owner.gid);
  }
}
