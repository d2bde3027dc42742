// /_ping, /version, /info
import type { AuthConfigBody, AuthResponse, PingInfo, SystemInfo, SystemVersion } from '../api/types';
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
}
