// Resizes a running TTY container's terminal (POST /containers/{id}/resize).
import { conflict } from '../errdefs';
import { ctlPath } from '../runtime/conmon';
import { resizeConsole } from '../runtime/ctl';
import type { ContainerDeps } from './deps';
import { bundleDir } from './paths';
import { findContainer } from './resolve';

export async function resizeContainer(deps: ContainerDeps, ref: string, height: number, width: number): Promise<void> {
  const rec = findContainer(deps.table, ref);
  if (!rec.state.Running) throw conflict(`Container ${rec.id} is not running`);
  if (!rec.config.Tty) return;
  await resizeConsole(ctlPath(bundleDir(deps.settings, rec.id)), height, width);
}
