// HEAD/GET/PUT /containers/{id}/archive (docker cp): stat a path, stream a
// tar of it, or extract a tar into a directory. Paths are resolved inside the
// container's root (symlinks followed in-root, never on the host), and the
// extraction goes through the secure tar writer, so nothing lands outside.
import { promises as fsp, type Stats } from 'node:fs';
import * as path from 'node:path';
import { forbidden, invalidArgument, notFound } from '../errdefs';
import { extractTar } from '../util/tar/extract';
import { packTree } from '../util/tar/pack';
import { cleanComponents, resolveInRoot } from '../util/tar/resolve';
import type { ContainerDeps } from './deps';
import { findContainer } from './resolve';
import { withRootfs } from './rootfs';
import { resolveUser } from './user';
import type { ContainerRecord } from './types';
import { emitContainer } from './events';

/** The X-Docker-Container-Path-Stat value (Go's os.FileMode in mode). */
export interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

// Go os.FileMode type bits.
const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;
const MODE_DEVICE = 2 ** 26;
const MODE_PIPE = 2 ** 25;
const MODE_SOCKET = 2 ** 24;
const MODE_SETUID = 2 ** 23;
const MODE_SETGID = 2 ** 22;
const MODE_CHAR = 2 ** 21;
const MODE_STICKY = 2 ** 20;

export function goFileMode(st: Stats): number {
  let m = st.mode & 0o777;
  if (st.isDirectory()) m += MODE_DIR;
  else if (st.isSymbolicLink()) m += MODE_SYMLINK;
  else if (st.isFIFO()) m += MODE_PIPE;
  else if (st.isSocket()) m += MODE_SOCKET;
  else if (st.isCharacterDevice()) m += MODE_DEVICE + MODE_CHAR;
  else if (st.isBlockDevice()) m += MODE_DEVICE;
  if (st.mode & 0o4000) m += MODE_SETUID;
  if (st.mode & 0o2000) m += MODE_SETGID;
  if (st.mode & 0o1000) m += MODE_STICKY;
  return m;
}

/** "/a/b/." and "/a/b/" keep their trailing dot or slash after cleaning, like Docker's PreserveTrailingDotOrSeparator. */
export function containerPath(p: string): string {
  const clean = '/' + cleanComponents(p).join('/');
  if (p.endsWith('/.') && clean !== '/') return clean + '/.';
  if (p.endsWith('/') && clean !== '/') return clean + '/';
  return clean;
}

interface Resolved {
  /** Host path with the parent resolved in-root and the last component not followed. */
  host: string;
  stat: PathStat;
  st: Stats;
}

async function resolvePath(root: string, rec: ContainerRecord, p: string): Promise<Resolved> {
  const abs = containerPath(p);
  const comps = cleanComponents(abs);
  const trailingDot = abs.endsWith('/.');
  const parent = comps.length ? await resolveInRoot(root, comps.slice(0, -1)) : [];
  let inRoot = comps.length ? [...parent, comps[comps.length - 1]] : [];
  // "dir/" and "dir/." must be directories: follow a final symlink for them.
  if (trailingDot || abs.endsWith('/')) inRoot = await resolveInRoot(root, inRoot);
  const host = path.join(root, ...inRoot);
  const st = await fsp.lstat(host).catch(() => undefined);
  if (!st) throw notFound(`Could not find the file ${p} in container ${rec.name}`);
  let linkTarget = '';
  if (st.isSymbolicLink()) linkTarget = '/' + (await resolveInRoot(root, inRoot)).join('/');
  const name = trailingDot ? '.' : comps.length ? comps[comps.length - 1] : '/';
  return { host, st, stat: { name, size: st.size, mode: goFileMode(st), mtime: st.mtime.toISOString(), linkTarget } };
}

export async function statContainerPath(deps: ContainerDeps, ref: string, p: string): Promise<PathStat> {
  if (!p) throw invalidArgument('path is required');
  const rec = findContainer(deps.table, ref);
  return withRootfs(deps, rec, async (root) => (await resolvePath(root, rec, p)).stat, { withVolumes: true });
}

/** GET archive: `send` gets the stat and the tar while the rootfs is held. */
export async function getContainerArchive(
  deps: ContainerDeps,
  ref: string,
  p: string,
  send: (stat: PathStat, tar: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  if (!p) throw invalidArgument('path is required');
  const rec = findContainer(deps.table, ref);
  await withRootfs(
    deps,
    rec,
    async (root) => {
      const r = await resolvePath(root, rec, p);
      // --userns-remap: the tar carries the container's ids (host 100000 is its 0).
      await send(r.stat, packTree(r.host, r.stat.name === '/' ? '.' : r.stat.name, { idMap: deps.settings.idMap }));
    },
    { withVolumes: true },
  );
  emitContainer(deps, rec, 'archive-path', { path: p });
}

/** PUT archive: extract a (possibly compressed) tar into an existing directory of the container. */
export async function putContainerArchive(
  deps: ContainerDeps,
  ref: string,
  p: string,
  body: AsyncIterable<Buffer>,
  opts: { noOverwriteDirNonDir: boolean; copyUIDGID?: boolean },
): Promise<void> {
  if (!p) throw invalidArgument('path is required');
  const rec = findContainer(deps.table, ref);
  const abs = containerPath(p);
  if (rec.hostConfig.ReadonlyRootfs && !(rec.mounts ?? []).some((m) => m.rw && (abs + '/').startsWith(m.destination.replace(/\/?$/, '/')))) {
    throw forbidden('container rootfs is marked read-only');
  }
  await withRootfs(
    deps,
    rec,
    async (root) => {
      const inRoot = await resolveInRoot(root, cleanComponents(abs));
      const st = await fsp.stat(path.join(root, ...inRoot)).catch(() => undefined);
      if (!st) throw notFound(`Could not find the file ${p} in container ${rec.name}`);
      if (!st.isDirectory()) throw invalidArgument('extraction point is not a directory');
      await extractTar(body, root, {
        prefix: inRoot.join('/'),
        whiteouts: 'none',
        devices: false, // a device node has no business arriving through cp
        noOverwriteDirNonDir: opts.noOverwriteDirNonDir,
        // copyUIDGID (docker cp -a): everything belongs to the container's user, as dockerd does it.
        owner: opts.copyUIDGID ? resolveUser(root, rec.config.User, []) : undefined,
        // --userns-remap: the archive's (or the user's) ids are the container's; the files get the host ids they map to.
        idMap: deps.settings.idMap,
      });
    },
    { withVolumes: true },
  );
  emitContainer(deps, rec, 'extract-to-dir', { path: p });
}
