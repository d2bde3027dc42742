// Log rotation for max-size/max-file without losing a line. conmon writes
// the log and knows nothing of rotation (its own --log-size-max truncates,
// dropping what was written), so berthd rotates: rename container.log to
// container.log.1 (older ones shift up, the oldest goes), then ask conmon
// over its ctl fifo to reopen, which makes a fresh container.log. Between the
// rename and the reopen conmon still writes to the renamed file, so every
// line lands in one file or the other.
//
// Checked on a timer (a stat per rotating container), never per line: a log
// can pass max-size by what is written in one interval, and grows on while
// berthd is down — the price of conmon writing logs without berthd.
import { existsSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { reopenLog } from '../runtime/ctl';
import { ctlPath } from '../runtime/conmon';
import type { ContainerDeps } from './deps';
import { logPolicy } from './logopts';
import { bundleDir } from './paths';

/** The log's files that exist, oldest first, the live one last. */
export function logFiles(path: string): string[] {
  const base = basename(path);
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return [];
  }
  const rotated = names
    .map((n) => (n.startsWith(`${base}.`) ? Number(n.slice(base.length + 1)) : NaN))
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => b - a)
    .map((n) => `${path}.${n}`);
  return existsSync(path) ? [...rotated, path] : rotated;
}

/** Shifts container.log.N up and renames the live file to .1 (keeping maxFiles in all). */
export function shiftFiles(path: string, maxFiles: number): void {
  for (const old of logFiles(path)) {
    if (old !== path && Number(old.slice(path.length + 1)) >= maxFiles - 1) unlinkSync(old);
  }
  for (let n = maxFiles - 2; n >= 1; n--) {
    if (existsSync(`${path}.${n}`)) renameSync(`${path}.${n}`, `${path}.${n + 1}`);
  }
  if (maxFiles > 1 && existsSync(path)) renameSync(path, `${path}.1`);
}

const size = (p: string): number | null => {
  try {
    return statSync(p).size;
  } catch {
    return null;
  }
};

/** One pass over the running containers whose logs rotate. */
export async function rotateLogs(deps: ContainerDeps): Promise<void> {
  for (const rec of deps.table.readonlyAll()) {
    if (!rec.state.Running || !rec.logPath) continue;
    const { Type, Config } = rec.hostConfig.LogConfig;
    let policy;
    try {
      policy = logPolicy(Type ?? '', Config ?? {});
    } catch {
      continue; // validated at create; an old record with a bad option just does not rotate
    }
    if (policy.maxSize === null) continue;
    const ctl = ctlPath(bundleDir(deps.settings, rec.id));
    const current = size(rec.logPath);
    if (current === null) {
      // Renamed but never reopened (berthd died in between): ask again.
      await reopenLog(ctl).catch(() => false);
      continue;
    }
    if (current < policy.maxSize) continue;
    try {
      // With max-file 1 conmon's reopen alone starts the file over, as Docker's truncation does.
      if (policy.maxFiles > 1) shiftFiles(rec.logPath, policy.maxFiles);
      await reopenLog(ctl);
    } catch (err) {
      deps.log('warn', `rotating the log of ${rec.id}: ${err}`);
    }
  }
}

/** Runs rotateLogs every `intervalMs` until the returned stop is called. */
export function startLogRotation(deps: ContainerDeps, intervalMs = 500): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    rotateLogs(deps)
      .catch((err) => deps.log('warn', `log rotation: ${err}`))
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
