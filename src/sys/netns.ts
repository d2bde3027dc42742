// Persistent network namespaces: a file bind-mounted onto a new namespace,
// so the namespace outlives berthd (containers keep running under conmon
// while berthd restarts) and runc joins it by path. util-linux `unshare
// --net=FILE` makes and binds it in one process, which also brings lo up
// (runc only configures lo for namespaces it creates itself); the compiled
// helper (native.ts) does the same on a worker thread without a process.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from '../util/exec';
import { unmountAll } from './mount';
import { nativeSys } from './native';

export async function createNetns(path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o711 });
  closeSync(openSync(path, 'w', 0o444));
  try {
    const sys = nativeSys();
    if (sys) await sys.makeNetns(path);
    else await run('unshare', [`--net=${path}`, 'ip', 'link', 'set', 'lo', 'up']);
  } catch (err) {
    await removeNetns(path).catch(() => {});
    throw err;
  }
}

/** Unbinds and deletes the file; the kernel frees the namespace (and its veths) when nothing else holds it. */
export async function removeNetns(path: string): Promise<void> {
  if (!existsSync(path)) return;
  await unmountAll(path);
  rmSync(path, { force: true });
}

export function listNetns(dir: string): string[] {
  try {
    return readdirSync(dir).map((n) => join(dir, n));
  } catch {
    return [];
  }
}
