// `volume ls` rows: docker/cli's volumeContext.
import type { Volume } from '../../api/types';
import { humanSize } from '../format/humanize';

export const VOLUMES_DEFAULT_TABLE = 'table {{.Driver}}\t{{.Name}}';
export const VOLUMES_HEADERS: Record<string, string> = {
  Name: 'VOLUME NAME',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  Mountpoint: 'MOUNTPOINT',
  Labels: 'LABELS',
  Links: 'LINKS',
  Size: 'SIZE',
};

export class VolumeContext {
  constructor(private readonly v: Volume) {}

  get Name(): string {
    return this.v.Name;
  }
  get Driver(): string {
    return this.v.Driver;
  }
  get Scope(): string {
    return this.v.Scope;
  }
  get Mountpoint(): string {
    return this.v.Mountpoint;
  }
  get Labels(): string {
    return Object.entries(this.v.Labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  }
  Label(name: string): string {
    return this.v.Labels?.[name] ?? '';
  }
  get Links(): string {
    return this.v.UsageData ? String(this.v.UsageData.RefCount) : 'N/A';
  }
  get Size(): string {
    return this.v.UsageData && this.v.UsageData.Size >= 0 ? humanSize(this.v.UsageData.Size, 3) : 'N/A';
  }
}
