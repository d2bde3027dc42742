// Signals: POST /containers/{id}/kill and the signal half of stop.
import { constants } from 'node:os';
import { conflict, invalidArgument } from '../errdefs';
import type { ContainerDeps } from './deps';
import { findContainer } from './resolve';
import type { ContainerRecord } from './types';
import { emitContainer } from './events';
import { awaitExit } from './await-exit';

/** "KILL", "SIGKILL", "9" → the signal number; errors like dockerd's. */
export function parseSignal(sig: string | undefined, fallback = 'SIGKILL'): number {
  const s = (sig || fallback).trim().toUpperCase();
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n <= 0 || n > 64) throw invalidArgument(`Invalid signal: ${sig}`);
    return n;
  }
  const name = s.startsWith('SIG') ? s : `SIG${s}`;
  const n = (constants.signals as Record<string, number>)[name];
  if (!n) throw invalidArgument(`Invalid signal: ${sig}`);
  return n;
}

export function signalProcess(rec: ContainerRecord, signal: number): void {
  try {
    process.kill(rec.state.Pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/**
 * Sends the signal. For SIGKILL it answers only once the exit is recorded, as
 * dockerd's Kill waits for the container to be not running: an inspect right
 * after `docker kill` shows exited/137, not a running container.
 */
export async function killContainer(deps: ContainerDeps, ref: string, signal?: string): Promise<void> {
  const rec = findContainer(deps.table, ref);
  const sig = parseSignal(signal);
  if (!rec.state.Running || !rec.state.Pid) throw conflict(`cannot kill container: ${ref}: container ${rec.id} is not running`);
  if (rec.state.Paused && sig !== constants.signals.SIGKILL) {
    throw conflict(`cannot kill container: ${ref}: container ${rec.id} is paused. Unpause the container before stopping or killing`);
  }
  // An explicit kill stops restart policies like `docker kill` does for SIGKILL.
  const isKill = sig === constants.signals.SIGKILL;
  if (isKill) deps.table.mutate(rec.id, (r) => (r.hasBeenManuallyStopped = true));
  const exited = isKill ? deps.hub.nextExit(rec.id) : undefined;
  signalProcess(rec, sig);
  emitContainer(deps, rec, 'kill', { signal: String(sig) });
  if (exited) await awaitExit(deps, rec.id, exited);
}
