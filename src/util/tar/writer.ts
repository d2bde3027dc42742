// Writes one tar entry at a time into a root directory. Paths come from
// resolve.ts, so nothing here ever touches a path outside the root: parents
// are resolved in-root, the final component is never followed (files are
// opened O_NOFOLLOW|O_EXCL after removing whatever was there), and hardlink
// targets are resolved in-root too.
import { constants, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Header } from 'tar-stream';
import { invalidArgument } from '../../errdefs';
import { BatchWriter } from '../batch-write';
import { run } from '../exec';
import { toHost, type IdMapping } from '../idmap';
import { cleanComponents, resolveInRoot } from './resolve';

export interface WriterOptions {
  /** 'none': `.wh.` names are ordinary files (docker cp, which is no layer). */
  whiteouts: 'overlay' | 'delete' | 'none';
  /** In-root directory the archive's names are relative to (docker cp's destination); '' for the root. */
  prefix?: string;
  /** Refuse to replace a directory with a non-directory or the reverse (docker cp's noOverwriteDirNonDir). */
  noOverwriteDirNonDir?: boolean;
  /** Owner for every entry instead of the archive's (docker cp -a: the container's user). */
  owner?: { uid: number; gid: number };
  chown: boolean;
  devices: boolean;
  /**
   * A remapped store (berthd --userns-remap): the archive's (or owner's)
   * ids are the container's, files get the host ids they map to.
   */
  idMap?: IdMapping;
}

interface Entry extends AsyncIterable<unknown> {
  header: Header;
}

const WH_PREFIX = '.wh.';
const WH_OPAQUE = '.wh..wh..opq';
const FILE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export class EntryWriter {
  /** Resolved parent directories by in-root path; cleared whenever a symlink appears or something is removed. */
  private readonly parents = new Map<string, string>();
  /** Directory times are set last: creating children would bump them again. */
  private readonly dirTimes: [string, Date][] = [];
  /** Host paths created by this archive; an opaque marker in 'delete' mode keeps only these. */
  private readonly created = new Set<string>();

  private readonly prefix: string[];

  constructor(
    private readonly root: string,
    private readonly opts: WriterOptions,
  ) {
    this.prefix = cleanComponents(opts.prefix ?? '');
  }

  async entry(e: Entry): Promise<void> {
    const h = e.header;
    // The name is cleaned on its own first: `..` stops at the archive's root, then the prefix goes in front.
    const comps = [...this.prefix, ...cleanComponents(h.name)];
    const base = comps[comps.length - 1] ?? '';
    if (base.startsWith(WH_PREFIX) && this.opts.whiteouts !== 'none') {
      await drain(e);
      if (base === WH_OPAQUE) await this.opaque(comps.slice(0, -1));
      else if (!base.startsWith(WH_PREFIX + WH_PREFIX)) await this.whiteout(comps.slice(0, -1), base.slice(WH_PREFIX.length));
      // other .wh..wh.* names are AUFS bookkeeping (hardlink dirs): meaningless here
      return;
    }
    switch (h.type) {
      case 'file':
      case 'contiguous-file':
      case undefined:
      case null:
        return this.file(comps, e);
      case 'directory':
        await drain(e);
        return this.directory(comps, h);
      case 'symlink':
        await drain(e);
        return this.symlink(comps, h);
      case 'link':
        await drain(e);
        return this.hardlink(comps, h);
      case 'character-device':
      case 'block-device':
      case 'fifo':
        await drain(e);
        return this.device(comps, h);
      default:
        await drain(e); // pax/gnu meta entries are folded into headers by tar-stream
    }
  }

  /** Apply deferred directory times. */
  async finish(): Promise<void> {
    for (let i = this.dirTimes.length - 1; i >= 0; i--) {
      const [p, t] = this.dirTimes[i];
      await fsp.utimes(p, t, t).catch(ignoreMissing);
    }
  }

  private async file(comps: string[], e: Entry): Promise<void> {
    if (comps.length === this.prefix.length) throw invalidArgument(`invalid tar entry "${e.header.name}": a file cannot replace the root`);
    const target = await this.place(comps, false);
    const fh = await fsp.open(target, FILE_FLAGS, 0o600);
    try {
      const out = new BatchWriter(fh);
      for await (const chunk of e) await out.write(chunk as Buffer);
      await out.flush();
    } finally {
      await fh.close();
    }
    await this.meta(target, e.header, 'file');
  }

  private async directory(comps: string[], h: Header): Promise<void> {
    const target = comps.length === 0 ? this.root : comps.length === this.prefix.length ? await this.parentDir(comps) : await this.place(comps, true);
    await fsp.mkdir(target, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    await this.meta(target, h, 'dir');
  }

  private async symlink(comps: string[], h: Header): Promise<void> {
    if (comps.length === this.prefix.length) return;
    const target = await this.place(comps, false);
    // The link text is stored verbatim: it is only ever followed inside the
    // container (or in-root by resolve.ts), never by us on the host.
    await fsp.symlink(h.linkname ?? '', target);
    this.parents.clear();
    await this.meta(target, h, 'symlink');
  }

  private async hardlink(comps: string[], h: Header): Promise<void> {
    if (comps.length === this.prefix.length) return;
    const linkComps = [...this.prefix, ...cleanComponents(h.linkname ?? '')];
    if (linkComps.length === this.prefix.length) throw invalidArgument(`invalid hardlink "${h.name}" -> "${h.linkname}"`);
    const linkParent = await resolveInRoot(this.root, linkComps.slice(0, -1));
    const source = path.join(this.root, ...linkParent, linkComps[linkComps.length - 1]);
    const st = await fsp.lstat(source).catch(() => undefined);
    if (!st || st.isDirectory()) {
      throw invalidArgument(`invalid hardlink "${h.name}" -> "${h.linkname}": target is not a file in this layer`);
    }
    const target = await this.place(comps, false);
    if (target === source) return;
    // link(2) does not follow a symlink source: the link shares the in-root inode.
    await fsp.link(source, target);
  }

  private async device(comps: string[], h: Header): Promise<void> {
    if (comps.length === this.prefix.length) return;
    const isFifo = h.type === 'fifo';
    if (!isFifo && !this.opts.devices) return; // unprivileged: skip device nodes like rootless Docker
    const target = await this.place(comps, false);
    const args = isFifo
      ? [target, 'p']
      : [target, h.type === 'block-device' ? 'b' : 'c', String(h.devmajor ?? 0), String(h.devminor ?? 0)];
    await run('mknod', args);
    await this.meta(target, h, 'file');
  }

  private async whiteout(parentComps: string[], name: string): Promise<void> {
    if (name === '' || name === '.' || name === '..') return;
    const parent = await this.parentDir(parentComps);
    const target = path.join(parent, name);
    await fsp.rm(target, { recursive: true, force: true });
    this.parents.clear();
    if (this.opts.whiteouts === 'delete') return;
    // overlayfs whiteout: a 0:0 character device hides NAME of the lower layers.
    await run('mknod', [target, 'c', '0', '0']);
    this.created.add(target);
  }

  private async opaque(dirComps: string[]): Promise<void> {
    const dir = await this.parentDir(dirComps);
    if (this.opts.whiteouts === 'overlay') {
      // An opaque dir hides everything below it in lower layers; setfattr is
      // in Debian's `attr` package (node has no xattr binding).
      await run('setfattr', ['-h', '-n', 'trusted.overlay.opaque', '-v', 'y', dir]);
      return;
    }
    for (const child of await fsp.readdir(dir)) {
      const p = path.join(dir, child);
      if (!this.created.has(p)) await fsp.rm(p, { recursive: true, force: true });
    }
    this.parents.clear();
  }

  /** Resolves (in-root) and creates the parent dirs of an entry; returns its host path, emptied unless dir-over-dir. */
  private async place(comps: string[], isDir: boolean): Promise<string> {
    const parent = await this.parentDir(comps.slice(0, -1));
    const target = path.join(parent, comps[comps.length - 1]);
    const st = await fsp.lstat(target).catch(() => undefined);
    if (st && this.opts.noOverwriteDirNonDir && st.isDirectory() !== isDir) {
      const rel = '/' + comps.slice(this.prefix.length).join('/');
      throw invalidArgument(
        isDir ? `cannot overwrite non-directory "${rel}" with directory "${rel}"` : `cannot overwrite directory "${rel}" with non-directory "${rel}"`,
      );
    }
    if (st && !(isDir && st.isDirectory())) {
      await fsp.rm(target, { recursive: true, force: true });
      this.parents.clear();
    }
    this.created.add(target);
    return target;
  }

  private async parentDir(comps: string[]): Promise<string> {
    const key = comps.join('/');
    const cached = this.parents.get(key);
    if (cached !== undefined) return cached;
    const dir = path.join(this.root, ...(await resolveInRoot(this.root, comps)));
    await fsp.mkdir(dir, { recursive: true, mode: 0o755 });
    this.parents.set(key, dir);
    return dir;
  }

  private async meta(target: string, h: Header, kind: 'file' | 'dir' | 'symlink'): Promise<void> {
    if (this.opts.chown) {
      const o = toHost(this.opts.idMap, { uid: this.opts.owner?.uid ?? h.uid ?? 0, gid: this.opts.owner?.gid ?? h.gid ?? 0 });
      await fsp.lchown(target, o.uid, o.gid);
    }
    // chmod after chown: chown clears setuid/setgid bits.
    if (kind !== 'symlink') await fsp.chmod(target, (h.mode ?? (kind === 'dir' ? 0o755 : 0o644)) & 0o7777);
    const mtime = h.mtime ?? new Date(0);
    if (kind === 'dir') this.dirTimes.push([target, mtime]);
    else if (kind === 'symlink') await fsp.lutimes(target, mtime, mtime);
    else await fsp.utimes(target, mtime, mtime);
  }
}

async function drain(e: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of e) {
    // discard
  }
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}
