// Waiting for a container to exit after a signal, without trusting that
// conmon is still there to report it: if conmon died (killed, OOM) the exit
// is recorded from what is left (its exit file, or 137 as after SIGKILL)
// instead of waiting forever.
import { readFileSync } from 'node:fs';
import { conmonPidPath } from '../runtime/conmon';
import type { ContainerDeps } from './deps';
import { handleExit } from './exit';
import { bundleDir } from './paths';

function conmonAlive(deps: ContainerDeps, id: string): boolean {
  try {
    const pid = parseInt(readFileSync(conmonPidPath(bundleDir(deps.settings, id)), 'utf8'), 10);
    if (!pid) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function awaitExit(deps: ContainerDeps, id: string, exited: Promise<number>): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    const finished = await Promise.race([exited.then(() => true), delay(500).then(() => false)]);
    if (finished) return;
    if (!conmonAlive(deps, id)) {
      await handleExit(deps, id, deps.exits.read(id) ?? 137);
      return;
    }
  }
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
