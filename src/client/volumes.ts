// /volumes endpoints.
import type { FiltersArgs, Volume, VolumeCreateOptions, VolumeListResponse, VolumePruneResponse } from '../api/types';
import type { Client } from './client';
import { encodeFilters, pathSegment } from './query';

export class VolumesAPI {
  constructor(private readonly c: Client) {}

  list(filters?: FiltersArgs | Map<string, string[]>): Promise<VolumeListResponse> {
    return this.c.json('GET', '/volumes', { query: { filters: encodeFilters(filters) } });
  }

  create(opts: VolumeCreateOptions): Promise<Volume> {
    return this.c.json('POST', '/volumes/create', { body: opts });
  }

  inspectRaw(name: string): Promise<Buffer> {
    return this.c.buffer('GET', `/volumes/${pathSegment(name)}`);
  }

  remove(name: string, opts: { force?: boolean } = {}): Promise<void> {
    return this.c.empty('DELETE', `/volumes/${pathSegment(name)}`, { query: { force: opts.force } });
  }

  prune(filters?: FiltersArgs | Map<string, string[]>): Promise<VolumePruneResponse> {
    return this.c.json('POST', '/volumes/prune', { query: { filters: encodeFilters(filters) } });
  }
}
