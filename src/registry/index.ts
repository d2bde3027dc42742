export * from './types';
export { parseChallenges, type Challenge } from './challenge';
export { createRegistryHosts, DEFAULT_CERTS_DIR, type Endpoint, type RegistryHosts, type HostsOptions } from './hosts';
export { RegistrySession, pullScope, pushScope, type SessionOptions } from './session';
export { Repository, catalog, type FetchedManifest, type UploadSource } from './repository';
export { RegistryError } from './errors';
export { parsePlatform, formatPlatform, selectManifest, normalizeArch } from './platform';
export { searchCatalog, splitSearchTerm, parseSearchFilters, type SearchResult, type SearchFilters } from './search';
export { inspectDistribution, type DistributionInfo } from './distribution';
