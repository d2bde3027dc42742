// `docker history` (GET /images/{name}/history), newest first, like dockerd's
// ImageHistory: each entry gets the size of the layer it created; the top
// entry carries the image ID and tags, the next one the parent's (when the
// image has a local parent), the rest "<missing>".
import type { Ctx } from './context';
import { familiarString, parseNormalizedNamed } from './reference';
import { getImage } from './resolve';
import type { HistoryItem } from './types';

export function imageHistory(ctx: Ctx, refOrId: string): HistoryItem[] {
  const row = getImage(ctx, refOrId);
  const cfg = ctx.config(row);
  const chains = ctx.records.layersOf(row.id);
  const out: HistoryItem[] = [];
  let layer = 0;
  for (const h of cfg.history ?? []) {
    let size = 0;
    if (!h.empty_layer) {
      const chain = chains[layer++];
      size = (chain && ctx.records.layer(chain)?.diffSize) || 0;
    }
    out.unshift({
      Id: '<missing>',
      Created: h.created ? Math.floor(Date.parse(h.created) / 1000) : 0,
      CreatedBy: h.created_by ?? '',
      Tags: null,
      Size: size,
      Comment: h.comment ?? '',
    });
  }
  let id: string | null = row.id;
  for (const item of out) {
    if (!id) break;
    item.Id = id;
    const tags = ctx.records
      .refsOf(id)
      .filter((r) => r.digest === null)
      .map((r) => familiarString(parseNormalizedNamed(r.ref)));
    item.Tags = tags.length ? tags : null;
    const parent: string | null = ctx.records.image(id)?.parent ?? null;
    id = parent && ctx.records.image(parent) ? parent : null;
  }
  return out;
}
