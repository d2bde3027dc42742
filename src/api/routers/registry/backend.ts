// What the registry routes (/auth, /images/search) need; the daemon wires
// it to src/registry.
import type { AuthConfig, SearchResult } from '../../../registry';

export interface RegistryBackend {
  /** Checks credentials against the registry in auth.serveraddress (Docker Hub when empty). */
  login(auth: AuthConfig): Promise<{ Status: string; IdentityToken: string }>;
  search(term: string, limit: number, filters: Map<string, string[]>, auth?: AuthConfig): Promise<SearchResult[]>;
}
