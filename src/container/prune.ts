// POST /containers/prune: removes stopped containers (filters until=, label=, label!=).
import { invalidArgument } from '../errdefs';
import type { ContainerDeps } from './deps';
import { removeContainer } from './remove';

export function parseUntil(v: string, now = Date.now()): number {
  const dur = /^(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)$/.exec(v);
  if (dur) {
    const mult = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 }[dur[2] as 'ns'];
    return now - Number(dur[1]) * mult;
  }
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw invalidArgument(`invalid filter 'until=${v}'`);
  return t;
}

export async function pruneContainers(
  deps: ContainerDeps,
  filters: Map<string, string[]>,
): Promise<{ ContainersDeleted: string[]; SpaceReclaimed: number }> {
  for (const k of filters.keys()) if (!['until', 'label', 'label!'].includes(k)) throw invalidArgument(`invalid filter '${k}'`);
  const until = filters.get('until')?.map((v) => parseUntil(v));
  const deleted: string[] = [];
  let space = 0;
  for (const rec of deps.table.all()) {
    if (rec.state.Running || rec.state.Restarting || rec.state.Paused) continue;
    if (until && !until.every((t) => Date.parse(rec.created) < t)) continue;
    const labels = rec.config.Labels ?? {};
    const has = (want: string) => {
      const eq = want.indexOf('=');
      return eq < 0 ? want in labels : labels[want.slice(0, eq)] === want.slice(eq + 1);
    };
    if (filters.has('label') && !filters.get('label')!.every(has)) continue;
    if (filters.has('label!') && filters.get('label!')!.some(has)) continue;
    const size = await deps.snapshots.usage(rec.snapshotKey).catch(() => 0);
    try {
      await removeContainer(deps, rec.id, {});
      deleted.push(rec.id);
      space += size;
    } catch (err) {
      deps.log('warn', `prune ${rec.id}: ${err}`);
    }
  }
  deps.events.emit('container', 'prune', '', { reclaimed: String(space) });
  return { ContainersDeleted: deleted, SpaceReclaimed: space };
}
