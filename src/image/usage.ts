// Disk usage of images for GET /system/df: the unique bytes of all layers,
// and per image the bytes it shares with other images and how many
// containers use it.
import type { Ctx } from './context';
import { listImages } from './list';
import type { ImageSummary } from './types';

export function imageDiskUsage(ctx: Ctx): { layersSize: number; images: ImageSummary[] } {
  const layers = ctx.records.layers();
  const size = new Map(layers.map((l) => [l.chainId, l.diffSize]));
  const images = listImages(ctx, {});
  for (const img of images) {
    const shared = ctx.records.layersOf(img.Id).filter((c) => ctx.records.layerUsers(c) > 1);
    img.SharedSize = shared.reduce((n, c) => n + (size.get(c) ?? 0), 0);
    img.Containers = ctx.users(img.Id).length;
  }
  return { layersSize: layers.reduce((n, l) => n + l.diffSize, 0), images };
}
