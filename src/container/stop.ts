// POST /containers/{id}/stop and /restart: the stop signal, then SIGKILL
// after the timeout, then wait for conmon to report the exit.
import { constants } from 'node:os';
import { notModified } from '../errdefs';
import type { ContainerDeps } from './deps';
import { parseSignal, signalProcess } from './kill';
import { findContainer } from './resolve';
import { startContainer } from './start';
import { awaitExit } from './await-exit';
import { emitContainer } from './events';

const DEFAULT_STOP_TIMEOUT = 10;

export async function stopContainer(
  deps: ContainerDeps,
  ref: string,
  opts: { timeout?: number; signal?: string } = {},
): Promise<void> {
  const rec = findContainer(deps.table, ref);
  if (!rec.state.Running && !rec.state.Restarting) throw notModified('container already stopped');
  deps.table.mutate(rec.id, (r) => {
    r.hasBeenManuallyStopped = true;
    if (r.state.Restarting) Object.assign(r.state, { Restarting: false, Status: 'exited' });
  });
  if (!rec.state.Running) return;
  const exited = deps.hub.nextExit(rec.id);
  const timeout = opts.timeout ?? rec.config.StopTimeout ?? DEFAULT_STOP_TIMEOUT;
  const sig = parseSignal(opts.signal || rec.config.StopSignal || undefined, 'SIGTERM');
  if (rec.state.Paused) await deps.runc.resume(rec.id).catch(() => {});
  if (timeout !== 0) {
    signalProcess(rec, sig);
    emitContainer(deps, rec, 'kill', { signal: String(sig) });
  }
  const inTime =
    timeout < 0
      ? await exited.then(() => true)
      : await Promise.race([exited.then(() => true), delay(timeout * 1000).then(() => false)]);
  if (!inTime) {
    signalProcess(rec, constants.signals.SIGKILL);
    emitContainer(deps, rec, 'kill', { signal: '9' });
    await awaitExit(deps, rec.id, exited);
  }
  emitContainer(deps, rec, 'stop');
}

export async function restartContainer(deps: ContainerDeps, ref: string, opts: { timeout?: number; signal?: string }): Promise<void> {
  const rec = findContainer(deps.table, ref);
  if (rec.state.Running) await stopContainer(deps, ref, opts).catch(ignoreNotModified);
  await startContainer(deps, rec.id).catch(ignoreNotModified);
  deps.table.mutate(rec.id, () => {});
  emitContainer(deps, rec, 'restart');
}

function ignoreNotModified(err: unknown): void {
  if ((err as { kind?: string }).kind !== 'NotModified') throw err;
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
