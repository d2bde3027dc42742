// Disk usage of a directory tree the way Docker reports layer sizes
// (daemon/graphdriver/overlay2 → directory.Size): the byte size of every
// non-directory, each inode counted once so hardlinks do not double count.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Usage } from './snapshotter';

export async function diskUsage(dir: string): Promise<Usage> {
  const seen = new Set<number>();
  let size = 0;
  let inodes = 0;
  async function walk(d: string): Promise<void> {
    for (const name of await fsp.readdir(d)) {
      const p = path.join(d, name);
      const st = await fsp.lstat(p);
      if (seen.has(st.ino)) continue;
      seen.add(st.ino);
      inodes++;
      if (st.isDirectory()) await walk(p);
      else size += st.size;
    }
  }
  await walk(dir);
  return { size, inodes: inodes + 1 };
}
