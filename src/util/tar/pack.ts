// Packs a host directory tree (or one file) into a tar stream: docker cp's
// GET archive, export, commit and save all use it. Nothing is ever followed:
// symlinks are stored as links, hardlinks within the tree as link entries.
// With overlayWhiteouts, an overlay upper dir becomes an OCI layer: a 0:0
// character device becomes `.wh.NAME` and an opaque directory (xattr
// trusted.overlay.opaque=y) gets a `.wh..wh..opq` entry.
import { execFile } from 'node:child_process';
import { createReadStream, promises as fsp, type Stats } from 'node:fs';
import * as path from 'node:path';
import type * as tar from 'tar-stream';
import { tarStream } from './tar-stream';
import { toContainer, type IdMapping } from '../idmap';

export interface PackOptions {
  /** Convert overlayfs whiteouts into OCI whiteout entries (for layers). */
  overlayWhiteouts?: boolean;
  /** Host paths not to descend into or store (e.g. mount points of a rootfs). */
  skip?: (hostPath: string) => boolean;
  /**
   * The tree is in a remapped store (berthd --userns-remap): store the
   * container's ids, host 100000 becoming 0 (unmapped ids: the overflow id).
   */
  idMap?: IdMapping;
}

const WH_PREFIX = '.wh.';
const WH_OPAQUE = '.wh..wh..opq';

/** Directories under `root` whose trusted.overlay.opaque is "y" (one getfattr run for the whole tree). */
export function opaqueDirs(root: string): Promise<Set<string>> {
  return new Promise((resolve) => {
    execFile(
      'getfattr',
      ['-R', '-h', '--absolute-names', '-n', 'trusted.overlay.opaque', '-e', 'text', root],
      { maxBuffer: 64 * 1024 * 1024 },
      // getfattr exits 1 when some file lacks the attribute: only its stdout matters.
      (_err, stdout) => {
        const out = new Set<string>();
        let file = '';
        for (const line of String(stdout).split('\n')) {
          if (line.startsWith('# file: ')) file = line.slice('# file: '.length);
          else if (line === 'trusted.overlay.opaque="y"' && file) out.add(file);
        }
        resolve(out);
      },
    );
  });
}

function major(rdev: number): number {
  return Number((BigInt(rdev) >> 8n) & 0xfffn) | Number((BigInt(rdev) >> 32n) & ~0xfffn);
}

function minor(rdev: number): number {
  return Number(BigInt(rdev) & 0xffn) | Number((BigInt(rdev) >> 12n) & ~0xffn);
}

/**
 * Tar of `src` with its top entry named `name` (a directory's children become
 * `name/child`); with name '' a directory's children are stored at the top
 * (a layer or an export) and the directory itself is not stored.
 */
export function packTree(src: string, name: string, opts: PackOptions = {}): AsyncIterable<Buffer> {
  const pack = tarStream().pack();
  const links = new Map<string, string>();
  let opaque = new Set<string>();

  // When the consumer goes away (a client disconnects), the pack is destroyed:
  // stop walking and close the file being read instead of waiting forever.
  let aborted = false;
  let current: ReturnType<typeof createReadStream> | undefined;
  let abort!: (err: Error) => void;
  const abortedP = new Promise<never>((_r, j) => (abort = j));
  abortedP.catch(() => {});
  pack.on('close', () => {
    aborted = true;
    current?.destroy();
    abort(new Error('tar stream closed by its reader'));
  });
  const put = (header: Partial<tar.Header> & { name: string }, file?: string): Promise<void> =>
    aborted ? abortedP : Promise.race([abortedP, putEntry(header, file)]);
  const putEntry = (header: Partial<tar.Header> & { name: string }, file?: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const entry = pack.entry(header as tar.Header, (err) => (err ? reject(err) : resolve()));
      if (!file) return void entry.end(undefined);
      const rs = createReadStream(file);
      current = rs;
      rs.on('data', (chunk) => {
        if (!entry.write(chunk as Buffer)) {
          rs.pause();
          entry.once('drain', () => rs.resume());
        }
      });
      rs.on('end', () => entry.end(undefined));
      rs.on('error', reject);
    });

  const base = (st: Stats, entryName: string) => {
    const o = toContainer(opts.idMap, { uid: st.uid, gid: st.gid });
    return { name: entryName, mode: st.mode & 0o7777, uid: o.uid, gid: o.gid, mtime: st.mtime };
  };

  async function add(host: string, entryName: string, st: Stats): Promise<void> {
    if (opts.skip?.(host)) return;
    const parentName = entryName.includes('/') ? entryName.slice(0, entryName.lastIndexOf('/') + 1) : '';
    const leaf = entryName.slice(parentName.length);
    if (st.isDirectory()) {
      if (entryName !== '') await put({ ...base(st, entryName + '/'), type: 'directory' });
      const prefix = entryName === '' ? '' : entryName + '/';
      if (opaque.has(host)) await put({ name: prefix + WH_OPAQUE, type: 'file', size: 0, mode: 0, mtime: st.mtime });
      const children = (await fsp.readdir(host)).sort();
      for (const c of children) {
        const p = path.join(host, c);
        const cst = await fsp.lstat(p).catch(() => undefined);
        if (cst) await add(p, prefix + c, cst);
      }
      return;
    }
    if (st.isCharacterDevice() && st.rdev === 0 && opts.overlayWhiteouts) {
      await put({ name: parentName + WH_PREFIX + leaf, type: 'file', size: 0, mode: 0, mtime: st.mtime });
      return;
    }
    if (st.isSymbolicLink()) {
      await put({ ...base(st, entryName), type: 'symlink', linkname: await fsp.readlink(host) });
      return;
    }
    if (st.isFile()) {
      const key = `${st.dev}:${st.ino}`;
      const first = st.nlink > 1 ? links.get(key) : undefined;
      if (first !== undefined) {
        await put({ ...base(st, entryName), type: 'link', linkname: first });
        return;
      }
      if (st.nlink > 1) links.set(key, entryName);
      await put({ ...base(st, entryName), type: 'file', size: st.size }, host);
      return;
    }
    if (st.isCharacterDevice() || st.isBlockDevice()) {
      await put({
        ...base(st, entryName),
        type: st.isCharacterDevice() ? 'character-device' : 'block-device',
        devmajor: major(st.rdev),
        devminor: minor(st.rdev),
      });
      return;
    }
    if (st.isFIFO()) await put({ ...base(st, entryName), type: 'fifo' });
    // sockets are not archived, like Docker
  }

  (async () => {
    try {
      if (opts.overlayWhiteouts) opaque = await opaqueDirs(src);
      await add(src, name, await fsp.lstat(src));
      pack.finalize();
    } catch (err) {
      pack.destroy(err as Error);
    }
  })();
  return pack as unknown as AsyncIterable<Buffer>;
}
