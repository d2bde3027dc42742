// The client side of `cp CONTAINER:SRC DEST`: extracts the daemon's tar into
// a local directory. The archive comes from a container and is not trusted:
// names with `..` or a leading `/` are refused, nothing is written through a
// symlink (every parent is lstat-ed and must be a real directory inside the
// destination), hardlinks must point at files this archive wrote, and device
// nodes are skipped. Owners are not applied (docker cp gives the files to the
// user running it).
import { constants, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar-stream';

export interface UnpackOptions {
  /** Rename the archive's top entry (docker's RebaseArchiveEntries): [from, to]. */
  rebase?: [string, string];
}

function rebaseName(name: string, rebase?: [string, string]): string {
  if (!rebase) return name;
  const [from, to] = rebase;
  if (name === from || name === from + '/') return to + name.slice(from.length);
  if (name.startsWith(from + '/')) return to + name.slice(from.length);
  return name;
}

function safeComponents(name: string): string[] {
  const comps = name.split('/').filter((c) => c !== '' && c !== '.');
  if (name.startsWith('/') || comps.includes('..')) throw new Error(`refusing archive entry "${name}": it points outside the destination`);
  return comps;
}

async function checkParents(dest: string, comps: string[]): Promise<string> {
  let cur = dest;
  for (const c of comps.slice(0, -1)) {
    cur = path.join(cur, c);
    const st = await fsp.lstat(cur).catch(() => undefined);
    if (!st) await fsp.mkdir(cur, { mode: 0o755 });
    else if (!st.isDirectory()) throw new Error(`refusing archive entry "${comps.join('/')}": ${c} is not a directory`);
  }
  return path.join(dest, ...comps);
}

export async function unpackLocal(src: AsyncIterable<Buffer>, dest: string, opts: UnpackOptions = {}): Promise<void> {
  const ex = tar.extract();
  const written = new Set<string>();
  const dirTimes: [string, Date][] = [];
  const feed = (async () => {
    try {
      for await (const chunk of src) if (!ex.write(chunk)) await new Promise<void>((r) => ex.once('drain', () => r()));
      ex.end(undefined);
    } catch (err) {
      ex.destroy(err as Error);
    }
  })();
  for await (const entry of ex) {
    const h = entry.header;
    const comps = safeComponents(rebaseName(h.name, opts.rebase));
    const drain = async () => {
      for await (const _ of entry) void _;
    };
    if (comps.length === 0) {
      await drain();
      continue;
    }
    const target = await checkParents(dest, comps);
    const existing = await fsp.lstat(target).catch(() => undefined);
    if (h.type === 'directory') {
      await drain();
      if (existing && !existing.isDirectory()) await fsp.rm(target, { force: true });
      if (!existing || !existing.isDirectory()) await fsp.mkdir(target, { mode: 0o700 });
      await fsp.chmod(target, h.mode ?? 0o755);
      if (h.mtime) dirTimes.push([target, h.mtime]);
      continue;
    }
    if (existing) {
      if (existing.isDirectory()) throw new Error(`cannot overwrite directory "${target}" with non-directory`);
      await fsp.rm(target, { force: true });
    }
    if (h.type === 'file' || h.type === 'contiguous-file') {
      const fh = await fsp.open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, h.mode ?? 0o644);
      try {
        for await (const chunk of entry) await fh.write(chunk as Buffer);
      } finally {
        await fh.close();
      }
      await fsp.chmod(target, (h.mode ?? 0o644) & 0o7777);
      if (h.mtime) await fsp.utimes(target, h.mtime, h.mtime);
      written.add(target);
    } else if (h.type === 'symlink') {
      await drain();
      await fsp.symlink(h.linkname ?? '', target);
    } else if (h.type === 'link') {
      await drain();
      const source = path.join(dest, ...safeComponents(rebaseName(h.linkname ?? '', opts.rebase)));
      if (!written.has(source)) throw new Error(`refusing hardlink "${h.name}" -> "${h.linkname}": not a file of this archive`);
      await fsp.link(source, target);
    } else {
      await drain(); // devices, fifos: not made on the client
    }
  }
  await feed;
  for (const [p, t] of dirTimes.reverse()) await fsp.utimes(p, t, t).catch(() => {});
}
