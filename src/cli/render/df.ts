// `system df` (docker/cli formatter.DiskUsageContext): the summary table and
// the -v tables of images, containers, volumes and build cache.
import type { ContainerSummary, ImageSummary, Volume } from '../../api/types';
import { humanSize } from '../format/humanize';
import { renderList } from '../format/list';
import { ContainerContext, PS_HEADERS } from './ps';
import { IMAGES_HEADERS, imageRows } from './images';
import { VOLUMES_HEADERS, VolumeContext } from './volumes';

export interface DiskUsage {
  LayersSize?: number;
  Images?: ImageSummary[] | null;
  Containers?: ContainerSummary[] | null;
  Volumes?: Volume[] | null;
  BuildCache?: unknown[] | null;
}

export const DF_DEFAULT_TABLE = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
const DF_HEADERS = { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' };

/** "1.2MB (50%)" with Go's integer percentage, or just the size when the total is 0. */
function reclaimable(amount: number, total: number): string {
  return total > 0 ? `${humanSize(amount, 3)} (${Math.trunc((amount * 100) / total)}%)` : humanSize(amount, 3);
}

class Row {
  constructor(
    readonly Type: string,
    readonly TotalCount: string,
    readonly Active: string,
    readonly Size: string,
    readonly Reclaimable: string,
  ) {}
}

const isActive = (c: ContainerSummary) => ['running', 'paused', 'restarting'].includes(c.State ?? '');

export function dfRows(du: DiskUsage): Row[] {
  const images = du.Images ?? [];
  const total = du.LayersSize ?? 0;
  let used = 0;
  for (const i of images) if (i.Containers && i.Containers > 0 && i.SharedSize !== -1) used += i.Size - (i.SharedSize ?? 0);
  const containers = du.Containers ?? [];
  const cSize = containers.reduce((n, c) => n + (c.SizeRw ?? 0), 0);
  const cFree = containers.filter((c) => !isActive(c)).reduce((n, c) => n + (c.SizeRw ?? 0), 0);
  const vols = du.Volumes ?? [];
  const vSize = vols.reduce((n, v) => n + Math.max(v.UsageData?.Size ?? 0, 0), 0);
  const vFree = vols.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((n, v) => n + Math.max(v.UsageData?.Size ?? 0, 0), 0);
  return [
    new Row('Images', String(images.length), String(images.filter((i) => (i.Containers ?? 0) > 0).length), humanSize(total, 3), reclaimable(total - used, total)),
    new Row('Containers', String(containers.length), String(containers.filter(isActive).length), humanSize(cSize, 3), reclaimable(cFree, cSize)),
    new Row('Local Volumes', String(vols.length), String(vols.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length), humanSize(vSize, 3), reclaimable(vFree, vSize)),
    new Row('Build Cache', '0', '0', '0B', '0B'),
  ];
}

export function renderDf(du: DiskUsage, format: string | undefined): string {
  return renderList(format || 'table', dfRows(du), { defaultTable: DF_DEFAULT_TABLE, headers: DF_HEADERS, typeName: '*formatter.diskUsageContext' });
}

class DfContainer extends ContainerContext {
  constructor(private readonly s: ContainerSummary) {
    super(s, true);
  }
  override get Size(): string {
    return humanSize(this.s.SizeRw ?? 0, 3);
  }
}

export function renderDfVerbose(du: DiskUsage): string {
  const images = renderList(
    'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}',
    imageRows(du.Images ?? [], { trunc: true, digests: false }),
    { defaultTable: '', headers: IMAGES_HEADERS },
  );
  const containers = renderList(
    'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}',
    (du.Containers ?? []).map((c) => new DfContainer(c)),
    { defaultTable: '', headers: PS_HEADERS },
  );
  const volumes = renderList('table {{.Name}}\t{{.Links}}\t{{.Size}}', (du.Volumes ?? []).map((v) => new VolumeContext(v)), {
    defaultTable: '',
    headers: VOLUMES_HEADERS,
  });
  return (
    `Images space usage:\n\n${images}\n` +
    `Containers space usage:\n\n${containers}\n` +
    `Local Volumes space usage:\n\n${volumes}\n` +
    `Build cache usage: 0B\n\n` +
    renderList('table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}', [], {
      defaultTable: '',
      headers: { ID: 'CACHE ID', CacheType: 'CACHE TYPE', Size: 'SIZE', CreatedSince: 'CREATED', LastUsedSince: 'LAST USED', UsageCount: 'USAGE', Shared: 'SHARED' },
    })
  );
}
