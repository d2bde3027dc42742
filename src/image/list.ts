// `docker images` (GET /images/json), after dockerd's graphdriver Images():
// newest first; intermediate images (untagged parents) hidden unless all;
// filters dangling, label, reference (glob on the familiar name), before,
// since and until.
import type { ImageRow } from '../metadata/images';
import type { Ctx } from './context';
import { boolFilter, matchLabels, parseTimestamp, validateFilters } from './filters';
import { familiarMatch, familiarString, parseNormalizedNamed } from './reference';
import { getImage } from './resolve';
import type { ImageSummary, ListOptions } from './types';

export function listImages(ctx: Ctx, opts: ListOptions = {}): ImageSummary[] {
  const f = opts.filters ?? new Map<string, string[]>();
  validateFilters(f, ['dangling', 'label', 'reference', 'before', 'since', 'until']);
  const danglingOnly = boolFilter(f, 'dangling', false);
  const hasDangling = f.has('dangling');
  const before = bound(ctx, f.get('before'), Math.min);
  const since = bound(ctx, f.get('since'), Math.max);
  const untilVals = f.get('until') ?? [];
  const until = untilVals.length ? Math.min(...untilVals.map((v) => parseTimestamp(v, ctx.now()))) : undefined;
  const patterns = f.get('reference') ?? [];

  const out: ImageSummary[] = [];
  for (const row of ctx.records.images()) {
    const created = Date.parse(row.created);
    if (before !== undefined && created >= before) continue;
    if (since !== undefined && created <= since) continue;
    if (until !== undefined && created > until) continue;
    const cfg = ctx.config(row);
    if (!matchLabels(f, 'label', cfg.config?.Labels)) continue;
    const children = ctx.records.children(row.id).length;
    if (hasDangling && danglingOnly && children > 0) continue;

    let refs = ctx.records.refsOf(row.id).map((r) => parseNormalizedNamed(r.ref));
    if (patterns.length) refs = refs.filter((r) => patterns.some((p) => familiarMatch(p, r)));
    const repoTags = refs.filter((r) => r.digest === undefined).map(familiarString).sort();
    const repoDigests = refs.filter((r) => r.digest !== undefined).map(familiarString).sort();

    if (repoTags.length === 0 && repoDigests.length === 0) {
      if (!opts.all && children > 0) continue; // an intermediate image
      if (hasDangling && !danglingOnly) continue;
      if (patterns.length) continue;
    } else if (danglingOnly && repoTags.length > 0) {
      continue;
    }
    out.push(summary(ctx, row, repoTags, repoDigests));
  }
  return out;
}

export function summary(ctx: Ctx, row: ImageRow, repoTags: string[], repoDigests: string[]): ImageSummary {
  const labels = ctx.config(row).config?.Labels;
  return {
    Id: row.id,
    ParentId: row.parent ?? '',
    RepoTags: repoTags,
    RepoDigests: repoDigests,
    Created: Math.floor(Date.parse(row.created) / 1000),
    Size: row.size,
    SharedSize: -1,
    Labels: labels && Object.keys(labels).length ? labels : null,
    Containers: -1,
  };
}

/** before=/since= name images; the bound is their creation time. */
function bound(ctx: Ctx, vals: string[] | undefined, pick: (...n: number[]) => number): number | undefined {
  if (!vals || vals.length === 0) return undefined;
  return pick(...vals.map((v) => Date.parse(getImage(ctx, v).created)));
}
