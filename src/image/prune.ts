// `docker image prune` (POST /images/prune), after dockerd's ImagesPrune:
// dangling images only (no tag) unless dangling=false / all; images used by
// any container are kept; filters until, label, label!. Space reclaimed is
// the diff size of every layer actually removed.
import { isKind } from '../errdefs';
import type { Ctx } from './context';
import { boolFilter, matchLabels, parseTimestamp, validateFilters } from './filters';
import { removeLocked } from './remove';
import type { DeleteItem, PruneOptions, PruneReport } from './types';

export function pruneImages(ctx: Ctx, opts: PruneOptions = {}): Promise<PruneReport> {
  const f = opts.filters ?? new Map<string, string[]>();
  validateFilters(f, ['dangling', 'until', 'label', 'label!']);
  const danglingOnly = boolFilter(f, 'dangling', !opts.all);
  const untilVals = f.get('until') ?? [];
  const until = untilVals.length ? Math.min(...untilVals.map((v) => parseTimestamp(v, ctx.now()))) : undefined;

  return ctx.lock.run(async () => {
    const sizes = new Map(ctx.records.layers().map((l) => [l.chainId, l.diffSize]));
    const deleted: DeleteItem[] = [];
    for (const row of ctx.records.images()) {
      const refs = ctx.records.refsOf(row.id);
      const children = ctx.records.children(row.id).length;
      if (danglingOnly && children > 0) continue;
      if (refs.length === 0 && children > 0) continue; // intermediate: goes with its child
      if (until !== undefined && Date.parse(row.created) > until) continue;
      const cfg = ctx.config(row);
      if (opts.buildCacheOnly && !cfg.container_config) continue;
      const labels = cfg.config?.Labels;
      if (!matchLabels(f, 'label', labels)) continue;
      if (f.has('label!') && matchLabels(f, 'label!', labels)) continue;
      if (ctx.users(row.id).length > 0) continue;
      if (!ctx.records.image(row.id)) continue; // went with an earlier one
      try {
        if (refs.length > 0) {
          if (danglingOnly && refs.some((r) => r.digest === null)) continue;
          for (const r of refs) deleted.push(...(await removeLocked(ctx, r.ref, {})));
        } else {
          deleted.push(...(await removeLocked(ctx, row.id.slice('sha256:'.length), {})));
        }
      } catch (err) {
        if (!isKind(err, 'Conflict') && !isKind(err, 'NotFound')) throw err;
      }
    }
    let reclaimed = 0;
    for (const d of deleted) if ('Deleted' in d) reclaimed += sizes.get(d.Deleted) ?? 0;
    ctx.event('prune', '', { reclaimed: String(reclaimed) });
    return { ImagesDeleted: deleted.length ? deleted : null, SpaceReclaimed: reclaimed };
  });
}
