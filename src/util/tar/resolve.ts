// Path resolution confined to a root directory, the heart of safe layer
// extraction. A tar entry name is interpreted the way the container will see
// it: `..` stops at `/`, absolute paths and absolute symlink targets start at
// the root, and a parent directory that is a symlink is followed *inside* the
// root (like openat2 RESOLVE_IN_ROOT / cyphar's securejoin), never on the host.
import { lstatSync, promises as fsp, readlinkSync } from 'node:fs';
import * as path from 'node:path';
import { invalidArgument } from '../../errdefs';

const MAX_SYMLINKS = 255;

/** Lexical clean: drops '', '.', and applies '..' clamped at the root. */
export function cleanComponents(p: string): string[] {
  const out: string[] = [];
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return out;
}

/**
 * The resolution walk itself, shared by the async and sync drivers: it yields
 * a host path to inspect and is sent back that path's symlink target (or null
 * when it is not a symlink or does not exist).
 */
function* walk(root: string, comps: string[]): Generator<string, string[], string | null> {
  const resolved: string[] = [];
  const queue = [...comps];
  let links = 0;
  while (queue.length > 0) {
    const c = queue.shift() as string;
    if (c === '' || c === '.') continue;
    if (c === '..') {
      resolved.pop();
      continue;
    }
    const target = yield path.join(root, ...resolved, c);
    if (target === null) {
      resolved.push(c);
      continue;
    }
    if (++links > MAX_SYMLINKS) {
      throw invalidArgument(`too many levels of symbolic links resolving /${comps.join('/')}`);
    }
    if (target.startsWith('/')) resolved.length = 0;
    queue.unshift(...target.split('/'));
  }
  return resolved;
}

function missing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Follows every symlink in `comps` (all of them, including the last) with
 * the root as `/`. Returns root-relative components of a path that contains no
 * symlinks at the time of the call; missing components are kept as they are,
 * so the caller can create them.
 */
export async function resolveInRoot(root: string, comps: string[]): Promise<string[]> {
  const it = walk(root, comps);
  let step = it.next(null);
  while (!step.done) {
    let target: string | null = null;
    try {
      if ((await fsp.lstat(step.value)).isSymbolicLink()) target = await fsp.readlink(step.value);
    } catch (err) {
      if (!missing(err)) throw err;
    }
    step = it.next(target);
  }
  return step.value;
}

/** resolveInRoot for the few callers that run synchronously (user lookup at start). */
export function resolveInRootSync(root: string, comps: string[]): string[] {
  const it = walk(root, comps);
  let step = it.next(null);
  while (!step.done) {
    let target: string | null = null;
    try {
      if (lstatSync(step.value).isSymbolicLink()) target = readlinkSync(step.value);
    } catch (err) {
      if (!missing(err)) throw err;
    }
    step = it.next(target);
  }
  return step.value;
}

/** Host path for an in-root path with every symlink followed inside the root, synchronously. */
export function resolveFollowSync(root: string, inRootPath: string): string {
  return path.join(root, ...resolveInRootSync(root, cleanComponents(inRootPath)));
}

/** Host path for an in-root path whose final component is NOT followed (lstat semantics). */
export async function resolveNoFollow(root: string, inRootPath: string): Promise<string> {
  const comps = cleanComponents(inRootPath);
  if (comps.length === 0) return root;
  const parent = await resolveInRoot(root, comps.slice(0, -1));
  return path.join(root, ...parent, comps[comps.length - 1]);
}

/** Host path for an in-root path with every symlink followed inside the root (stat semantics). */
export async function resolveFollow(root: string, inRootPath: string): Promise<string> {
  return path.join(root, ...(await resolveInRoot(root, cleanComponents(inRootPath))));
}
