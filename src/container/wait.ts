// POST /containers/{id}/wait with Docker's conditions.
import { invalidArgument } from '../errdefs';
import type { ContainerDeps } from './deps';
import { findContainer } from './resolve';

export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

export function parseCondition(c: string | null): WaitCondition {
  if (!c) return 'not-running';
  if (c === 'not-running' || c === 'next-exit' || c === 'removed') return c;
  throw invalidArgument(`invalid condition: "${c}"`);
}

/**
 * Checks the container now (a 404 must come before the response starts) and
 * returns the wait itself as a promise of the exit code.
 */
export function waitContainer(deps: ContainerDeps, ref: string, condition: WaitCondition): Promise<number> {
  const rec = findContainer(deps.table, ref);
  switch (condition) {
    case 'not-running':
      if (!rec.state.Running && !rec.state.Restarting) return Promise.resolve(rec.state.ExitCode);
      return deps.hub.nextExit(rec.id);
    case 'next-exit':
      return deps.hub.nextExit(rec.id);
    case 'removed':
      return deps.hub.removed(rec.id);
  }
}
