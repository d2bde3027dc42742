// /_ping, /version, /info
import type { AuthConfigBody, AuthResponse, PingInfo, SystemDiskUsage, SystemInfo, SystemVersion } from '../api/types';
import { encodeFilters } from './query';
import type { Client } from './client';
import { ping } from './negotiate';

export class SystemAPI {
  constructor(private readonly c: Client) {}

  ping(): Promise<PingInfo> {
    return ping(this.c.transport);
  }

  version(): Promise<SystemVersion> {
    return this.c.json<SystemVersion>('GET', '/version');
  }

  /** POST /auth: the daemon checks the credentials against the registry. */
  auth(body: AuthConfigBody): Promise<AuthResponse> {
    return this.c.json<AuthResponse>('POST', '/auth', { body });
  }

  info(): Promise<SystemInfo> {
    return this.c.json<SystemInfo>('GET', '/info');
  }

  /** GET /system/df. */
  df(types: string[] = []): Promise<SystemDiskUsage> {
    return this.c.json<SystemDiskUsage>('GET', '/system/df', { query: { type: types.length ? types : undefined } });
  }

  /** POST /build/prune. */
  buildPrune(filters?: Map<string, string[]>, all = false): Promise<{ CachesDeleted: string[] | null; SpaceReclaimed: number }> {
    return this.c.json('POST', '/build/prune', { query: { filters: encodeFilters(filters), all: all || undefined } });
  }
}
