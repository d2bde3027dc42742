// berth cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-
// berth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH
// Docker's copy rules (archive.PrepareArchiveCopy): what is created where
// depends on whether the destination exists and is a directory, and on a
// trailing "/" or "/." of the paths.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { Client, ContainerPathStat } from '../../client';
import { ExactArgs, type BerthCommand } from '../command';
import type { Cli } from '../context';
import { packLocal } from '../archive/pack';
import { unpackLocal } from '../archive/unpack';

const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;
const isDir = (s: ContainerPathStat) => s.mode >= MODE_DIR;
const isSymlink = (s: ContainerPathStat) => Math.floor(s.mode / MODE_SYMLINK) % 2 === 1 && !isDir(s);

/** "ctr:path" → [ctr, path]; a local path (absolute, ./, or without a colon before any slash) → ['', path]. */
export function splitCpArg(arg: string): [string, string] {
  if (path.isAbsolute(arg) || arg.startsWith('.')) return ['', arg];
  const i = arg.indexOf(':');
  if (i < 0 || arg.slice(0, i).includes('/')) return ['', arg];
  return [arg.slice(0, i), arg.slice(i + 1)];
}

const assertsDirectory = (p: string) => p.endsWith('/') || p.endsWith('/.') || p === '.';
const splitDirEntry = (p: string): [string, string] => {
  const clean = p.endsWith('/.') ? p : p.replace(/\/+$/, '') || '/';
  return [path.dirname(clean), path.basename(clean)];
};

/** GetRebaseName: keep the user's trailing "/" or "/." and rename when following changed the base name. */
function rebaseFor(orig: string, resolved: string): [string, string] {
  let r = resolved;
  if (orig.endsWith('/.') && !r.endsWith('/.')) r += '/.';
  else if (orig.endsWith('/') && !r.endsWith('/')) r += '/';
  return [r, path.basename(orig) !== path.basename(r) ? path.basename(orig) : ''];
}

/** Also compose cp's. */
export async function copyFromContainer(cli: Cli, client: Client, ctr: string, srcPath: string, dst: string, follow: boolean): Promise<void> {
  let src = srcPath;
  let rebaseName = '';
  if (follow) {
    const st = await client.containers.statPath(ctr, src).catch(() => undefined);
    if (st && isSymlink(st)) {
      let target = st.linkTarget;
      if (!path.isAbsolute(target)) target = path.join(splitDirEntry(src)[0], target);
      [src, rebaseName] = rebaseFor(src, target);
    }
  }
  const { stat, body } = await client.containers.getArchive(ctr, src);
  if (dst === '-') {
    for await (const chunk of body) cli.out.write(chunk as Buffer);
    return;
  }
  // CopyInfoDestinationPath: the destination, following a final symlink.
  let dstPath = dst;
  let dstSt = await fsp.lstat(dstPath).catch(() => undefined);
  if (dstSt?.isSymbolicLink()) {
    dstPath = await fsp.realpath(dstPath);
    dstSt = await fsp.stat(dstPath).catch(() => undefined);
  }
  if (!dstSt) {
    const parent = path.dirname(dstPath.replace(/\/+$/, '') || '/');
    if (!(await fsp.stat(parent).catch(() => undefined))) throw new Error(`stat ${parent}: no such file or directory`);
  }
  const [dstDir, dstBase] = splitDirEntry(dstPath);
  if (dstSt?.isDirectory()) return unpackLocal(body, dstPath, rebaseName ? { rebase: [stat.name, rebaseName] } : {});
  if (dstSt && isDir(stat)) throw new Error('cannot copy directory');
  if (!dstSt && !isDir(stat) && assertsDirectory(dst)) throw new Error('no such directory');
  await unpackLocal(body, dstDir, { rebase: [stat.name === '.' ? '.' : stat.name, dstBase] });
}

/** Also compose cp's. */
export async function copyToContainer(cli: Cli, client: Client, src: string, ctr: string, dstPath: string, follow: boolean, copyUIDGID: boolean): Promise<void> {
  let dst = dstPath;
  let dstStat = await client.containers.statPath(ctr, dst).catch(() => undefined);
  if (dstStat && isSymlink(dstStat)) {
    let target = dstStat.linkTarget;
    if (!path.isAbsolute(target)) target = path.join(splitDirEntry(dstPath)[0], target);
    dst = target;
    dstStat = await client.containers.statPath(ctr, target).catch(() => undefined);
  }
  const dstIsDir = !!dstStat && isDir(dstStat);
  let content: Readable;
  let extractTo: string;
  if (src === '-') {
    if (!dstIsDir) throw new Error(`destination "${ctr}:${dstPath}" must be a directory`);
    content = cli.in as unknown as Readable;
    extractTo = dst;
  } else {
    // CopyInfoSourcePath: -L follows the source if it is a symlink.
    let local = src;
    let rebaseName = '';
    if (follow) {
      const real = await fsp.realpath(src).catch(() => src);
      [local, rebaseName] = rebaseFor(src, real);
    }
    const lst = await fsp.lstat(local).catch(() => undefined);
    if (!lst) throw new Error(`lstat ${path.resolve(local)}: no such file or directory`);
    const srcIsDir = lst.isDirectory();
    const base = local.endsWith('/.') ? '.' : path.basename(local.replace(/\/+$/, ''));
    const name = rebaseName || base;
    const [dDir, dBase] = splitDirEntry(dst);
    let topName = name;
    if (dstStat && dstIsDir) extractTo = dst;
    else if (dstStat && srcIsDir) throw new Error('cannot copy directory');
    else if (!dstStat && !srcIsDir && assertsDirectory(dst)) throw new Error('no such directory');
    else {
      extractTo = dDir;
      topName = dBase;
    }
    // "dir/." sends the directory's contents: its top entry is "." and extracts into the destination itself.
    content = Readable.from(packLocal(local.endsWith('/.') ? local.slice(0, -2) || '/' : local, base === '.' && topName === '.' ? '.' : topName));
  }
  await client.containers.putArchive(ctr, extractTo, content, { copyUIDGID, noOverwriteDirNonDir: true });
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tberth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH';
  cmd.argRule = ExactArgs(2);
  cmd
    .flag('-a, --archive', 'Archive mode (copy all uid/gid information)')
    .flag('-L, --follow-link', 'Always follow symbol link in SRC_PATH')
    .flag('-q, --quiet', 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached');
  cmd.handle(async (cli, args, o) => {
    const [srcCtr, srcPath] = splitCpArg(args[0]);
    const [dstCtr, dstPath] = splitCpArg(args[1]);
    if (srcPath === '') throw new Error('source can not be empty');
    if (dstPath === '') throw new Error('destination can not be empty');
    const client = cli.client();
    if (srcCtr && dstCtr) throw new Error('copying between containers is not supported');
    if (!srcCtr && !dstCtr) throw new Error('must specify at least one container source');
    if (srcCtr) return copyFromContainer(cli, client, srcCtr, srcPath, dstPath, !!o.followLink);
    return copyToContainer(cli, client, srcPath, dstCtr, dstPath, !!o.followLink, !!o.archive);
  });
}
