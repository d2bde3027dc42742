// COPY and ADD: which files a source names (globs, the contents-of-a-
// directory rule, .dockerignore), their checksum for the cache, and writing
// them into a container's root. Every path on both sides is resolved inside
// its root (util/tar/resolve): a symlink in the context that points out of it
// is followed only inside the context, and nothing is written outside the
// container's root whatever the image's symlinks say.
import { createHash } from 'node:crypto';
import { constants, promises as fsp, type Stats } from 'node:fs';
import * as path from 'node:path';
import { invalidArgument } from '../../errdefs';
import { cleanComponents, resolveInRoot } from '../../util/tar/resolve';
import { extractTar } from '../../util/tar';
import type { IdMapping } from '../../util/idmap';

export interface SourceTree {
  root: string;
  /** .dockerignore (the context only). */
  ignored(rel: string): boolean;
  fileHash(host: string): Promise<string>;
}

export interface Entry {
  /** Path below the matched source ('' for the source itself). */
  rel: string;
  host: string;
  st: Stats;
  link?: string;
}

export interface Matched {
  /** Cleaned path in the source tree, e.g. 'src/app.js'. */
  path: string;
  isDir: boolean;
  entries: Entry[];
}

export interface Owner {
  uid: number;
  gid: number;
}

const GLOB = /[*?[]/;

/** Resolves COPY/ADD sources; errors carry the classic builder's wording (the caller adds "COPY failed: "). */
export async function matchSources(tree: SourceTree, patterns: string[]): Promise<Matched[]> {
  const out: Matched[] = [];
  for (const p of patterns) {
    const norm = path.posix.normalize(p.replace(/^\/+/, '') || '.');
    if (norm === '..' || norm.startsWith('../')) throw invalidArgument(`forbidden path outside the build context: ${p} ()`);
    const paths = GLOB.test(norm) ? await glob(tree, norm) : [cleanComponents(norm).join('/')];
    if (GLOB.test(norm) && paths.length === 0) throw invalidArgument('no source files were specified');
    for (const rel of paths) {
      const comps = await resolveInRoot(tree.root, cleanComponents(rel));
      const host = path.join(tree.root, ...comps);
      const st = await fsp.stat(host).catch(() => undefined);
      const resolvedRel = comps.join('/');
      if (!st || (rel !== '' && (tree.ignored(rel) && !st.isDirectory())) || (resolvedRel !== rel && tree.ignored(resolvedRel) && !st.isDirectory())) {
        throw invalidArgument(`file not found in build context or excluded by .dockerignore: stat ${p}: file does not exist`);
      }
      const entries = st.isDirectory() ? await walk(tree, host, resolvedRel) : [{ rel: '', host, st }];
      out.push({ path: resolvedRel, isDir: st.isDirectory(), entries });
    }
  }
  return out;
}

/** Context-relative paths matching a pattern, segment by segment (Go's filepath.Match per component). */
async function glob(tree: SourceTree, pattern: string): Promise<string[]> {
  const segs = cleanComponents(pattern);
  let cur: string[] = [''];
  for (const seg of segs) {
    const next: string[] = [];
    for (const dir of cur) {
      if (!GLOB.test(seg)) {
        next.push(dir ? `${dir}/${seg}` : seg);
        continue;
      }
      const re = globRegex(seg);
      const host = path.join(tree.root, ...(await resolveInRoot(tree.root, cleanComponents(dir))));
      const names = await fsp.readdir(host).catch(() => [] as string[]);
      for (const n of names.sort()) if (re.test(n)) next.push(dir ? `${dir}/${n}` : n);
    }
    cur = next;
  }
  const out: string[] = [];
  for (const rel of cur) {
    const exists = await fsp.lstat(path.join(tree.root, ...(await resolveInRoot(tree.root, cleanComponents(rel))))).catch(() => undefined);
    if (exists && !tree.ignored(rel)) out.push(rel);
  }
  return out;
}

export function globRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) throw invalidArgument('syntax error in pattern');
      let cls = seg.slice(i + 1, end);
      if (cls.startsWith('^')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < seg.length) re += '\\' + seg[++i];
    else re += c.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Everything below a directory, parents before children; ignored files skipped, ignored dirs kept only for what they still hold. */
async function walk(tree: SourceTree, top: string, topRel: string): Promise<Entry[]> {
  const out: Entry[] = [{ rel: '', host: top, st: await fsp.lstat(top) }];
  const visit = async (dir: string, rel: string): Promise<void> => {
    const names = (await fsp.readdir(dir)).sort();
    for (const n of names) {
      const host = path.join(dir, n);
      const r = rel ? `${rel}/${n}` : n;
      const ctxRel = topRel ? `${topRel}/${r}` : r;
      const st = await fsp.lstat(host);
      if (st.isDirectory()) {
        const at = out.length;
        out.push({ rel: r, host, st });
        await visit(host, r);
        if (tree.ignored(ctxRel) && out.length === at + 1) out.pop();
        continue;
      }
      if (tree.ignored(ctxRel)) continue;
      if (st.isSymbolicLink()) out.push({ rel: r, host, st, link: await fsp.readlink(host) });
      else if (st.isFile()) out.push({ rel: r, host, st });
      // sockets, fifos and devices are not copied, as in Docker's build context
    }
  };
  await visit(top, '');
  return out;
}

/** Docker's `file:<sha>` / `dir:<sha>` / `multi:<sha>`: content and metadata (not times) of what is copied. */
export async function sourcesChecksum(tree: SourceTree, matched: Matched[]): Promise<string> {
  const all = createHash('sha256');
  for (const m of matched) {
    const h = createHash('sha256');
    h.update(`${m.isDir ? 'dir' : 'file'}\0${path.posix.basename(m.path)}\n`);
    for (const e of m.entries) {
      const kind = e.st.isDirectory() ? 'd' : e.st.isSymbolicLink() ? 'l' : 'f';
      const content = kind === 'f' ? await tree.fileHash(e.host) : kind === 'l' ? e.link : '';
      h.update(`${e.rel}\0${kind}\0${(e.st.mode & 0o7777).toString(8)}\0${e.st.uid}:${e.st.gid}\0${content}\n`);
    }
    const hex = h.digest('hex');
    if (matched.length === 1) return `${m.isDir ? 'dir' : 'file'}:${hex}`;
    all.update(hex);
  }
  return `multi:${all.digest('hex')}`;
}

export interface WriteOptions {
  /** Absolute destination in the container; a trailing / means a directory. */
  dest: string;
  owner: Owner;
  chmod?: number;
  /** ADD: local tar archives are unpacked instead of copied. */
  extractArchives?: boolean;
  /** berthd --userns-remap: an unpacked archive's ids are shifted into the store (owner is already a host id). */
  idMap?: IdMapping;
}

export async function writeSources(root: string, matched: Matched[], opts: WriteOptions, what: string): Promise<void> {
  const destIsDirByName = opts.dest.endsWith('/') || opts.dest.endsWith('/.') || opts.dest === '/';
  const destComps = cleanComponents(opts.dest);
  if (matched.length > 1 && !destIsDirByName) {
    throw invalidArgument(`When using ${what} with more than one source file, the destination must be a directory and end with a /`);
  }
  const existing = await fsp.stat(path.join(root, ...(await resolveInRoot(root, destComps)))).catch(() => undefined);
  const destIsDir = destIsDirByName || !!existing?.isDirectory();
  for (const m of matched) {
    if (m.isDir) {
      await mkdirs(root, destComps, opts.owner);
      for (const e of m.entries) if (e.rel !== '') await writeEntry(root, [...destComps, ...e.rel.split('/')], e, opts);
      continue;
    }
    const e = m.entries[0];
    if (opts.extractArchives && (await isArchive(e.host))) {
      await mkdirs(root, destComps, opts.owner);
      const { createReadStream } = await import('node:fs');
      const inRoot = await resolveInRoot(root, destComps);
      await extractTar(createReadStream(e.host), root, { prefix: inRoot.join('/'), whiteouts: 'none', devices: false, idMap: opts.idMap });
      continue;
    }
    const target = destIsDir ? [...destComps, path.posix.basename(m.path)] : destComps;
    if (target.length === 0) throw invalidArgument(`cannot copy to /: it is a directory`);
    await mkdirs(root, target.slice(0, -1), opts.owner);
    await writeEntry(root, target, e, opts);
  }
}

/** Creates missing directories of an in-root path (0755, owned like the copied files). */
export async function mkdirs(root: string, comps: string[], owner: Owner): Promise<void> {
  for (let i = 1; i <= comps.length; i++) {
    const host = path.join(root, ...(await resolveInRoot(root, comps.slice(0, i))));
    const st = await fsp.lstat(host).catch(() => undefined);
    if (st?.isDirectory()) continue;
    if (st) throw invalidArgument(`mkdir /${comps.slice(0, i).join('/')}: not a directory`);
    await fsp.mkdir(host, { mode: 0o755 });
    await fsp.chmod(host, 0o755);
    await fsp.lchown(host, owner.uid, owner.gid);
  }
}

async function writeEntry(root: string, comps: string[], e: Entry, opts: WriteOptions): Promise<void> {
  const parent = await resolveInRoot(root, comps.slice(0, -1));
  const host = path.join(root, ...parent, comps[comps.length - 1]);
  const cur = await fsp.lstat(host).catch(() => undefined);
  const mode = opts.chmod ?? e.st.mode & 0o7777;
  if (e.st.isDirectory()) {
    if (cur && !cur.isDirectory()) await fsp.unlink(host);
    if (!cur || !cur.isDirectory()) await fsp.mkdir(host);
  } else {
    if (cur?.isDirectory()) throw invalidArgument(`cannot overwrite directory /${comps.join('/')} with non-directory`);
    if (cur) await fsp.unlink(host);
    if (e.link !== undefined) await fsp.symlink(e.link, host);
    else await fsp.copyFile(e.host, host, constants.COPYFILE_EXCL);
  }
  await fsp.lchown(host, opts.owner.uid, opts.owner.gid);
  if (!e.st.isSymbolicLink()) {
    await fsp.chmod(host, mode);
    await fsp.utimes(host, e.st.atime, e.st.mtime);
  }
}

async function isArchive(host: string): Promise<boolean> {
  const fh = await fsp.open(host, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, 512, 0);
    if (bytesRead >= 3 && head[0] === 0x1f && head[1] === 0x8b) return true;
    return bytesRead >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar';
  } finally {
    await fh.close();
  }
}
