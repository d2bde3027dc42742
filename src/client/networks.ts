// /networks/... endpoints.
import type {
  EndpointSettings,
  FiltersArgs,
  NetworkCreateRequest,
  NetworkCreateResponse,
  NetworkPruneResponse,
  NetworkResource,
} from '../api/types';
import type { Client } from './client';
import { encodeFilters, pathSegment } from './query';

const p = (ref: string): string => `/networks/${pathSegment(ref)}`;

export class NetworksAPI {
  constructor(private readonly c: Client) {}

  list(opts: { filters?: FiltersArgs | Map<string, string[]> } = {}): Promise<NetworkResource[]> {
    return this.c.json('GET', '/networks', { query: { filters: encodeFilters(opts.filters) } });
  }

  inspect(ref: string): Promise<NetworkResource> {
    return this.c.json('GET', p(ref));
  }

  inspectRaw(ref: string): Promise<Buffer> {
    return this.c.buffer('GET', p(ref));
  }

  create(body: NetworkCreateRequest): Promise<NetworkCreateResponse> {
    return this.c.json('POST', '/networks/create', { body });
  }

  remove(ref: string): Promise<void> {
    return this.c.json('DELETE', p(ref));
  }

  connect(ref: string, container: string, endpoint?: EndpointSettings): Promise<void> {
    return this.c.json('POST', `${p(ref)}/connect`, { body: { Container: container, EndpointConfig: endpoint } });
  }

  disconnect(ref: string, container: string, force = false): Promise<void> {
    return this.c.json('POST', `${p(ref)}/disconnect`, { body: { Container: container, Force: force } });
  }

  prune(opts: { filters?: FiltersArgs | Map<string, string[]> } = {}): Promise<NetworkPruneResponse> {
    return this.c.json('POST', '/networks/prune', { query: { filters: encodeFilters(opts.filters) } });
  }
}
