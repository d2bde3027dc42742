// GET /system/df: gathers what the image store, the containers and the
// volumes each report about their disk use into Docker's DiskUsage shape.
import type { ImageStore } from '../image';
import type { ContainerDeps } from '../container/deps';
import { listContainers } from '../container/list';
import type { VolumeService } from '../volume/service';

export function systemDiskUsage(p: { images: ImageStore; containers: ContainerDeps; volumes: VolumeService }) {
  return async (types: string[]): Promise<Record<string, unknown>> => {
    const want = (t: string) => types.length === 0 || types.includes(t);
    const out: Record<string, unknown> = {};
    if (want('image')) {
      const u = p.images.diskUsage();
      out.LayersSize = u.layersSize;
      out.Images = u.images;
    }
    if (want('container')) out.Containers = await listContainers(p.containers, { all: true, size: true, filters: new Map() });
    if (want('volume')) {
      out.Volumes = await Promise.all(
        p.volumes.all().map(async (v) => ({
          ...p.volumes.view(v),
          UsageData: { Size: await p.volumes.usage(v.name), RefCount: p.volumes.refCount(v.name) },
        })),
      );
    }
    if (want('build-cache')) out.BuildCache = [];
    return out;
  };
}
