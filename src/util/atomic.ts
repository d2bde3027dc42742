// Crash-safe file replacement for everything that does not live in SQLite:
// write a temp file in the same directory, fsync it, rename it over the
// target, then fsync the directory so the rename itself is durable. A reader
// (or a restart after kill -9) sees the old content or the new, never a mix.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** fsync a directory so that entries created or renamed in it survive a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** A unique temp name next to `target` (same filesystem, so rename is atomic). */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
}

export async function atomicWrite(
  target: string,
  data: string | Buffer,
  opts: { mode?: number } = {},
): Promise<void> {
  const tmp = tempPathFor(target);
  const fh = await fsp.open(tmp, 'wx', opts.mode ?? 0o644);
  try {
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, target);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(path.dirname(target));
}
