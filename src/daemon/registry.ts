// The registry side: endpoint/TLS resolution from the daemon's settings,
// sessions for the image store, the /auth and /images/search backend, and
// the /distribution one.
import { invalidArgument, system } from '../errdefs';
import type { AuthConfig, RegistryHosts, RegistrySession } from '../registry';
import { createRegistryHosts } from '../registry/hosts';
import type { RegistryAccess } from '../image';
import type { RegistryBackend } from '../api/routers/registry/backend';
import type { DistributionBackend } from '../api/routers/distribution/backend';
import { parseAnyReference, tagNameOnly } from '../image/reference';
import { hostArchitecture } from '../image/import';
import { lazy } from '../util/lazy';

// The registry client (sessions, auth challenges, manifests, search) is
// loaded with the first pull, push, login or search: an idle berthd does
// not hold it. The hosts' settings are checked at start-up all the same.
const client = lazy(() => require('../registry') as typeof import('../registry'));

export interface RegistrySettings {
  certsDir: string;
  insecureRegistries: string[];
  maxConcurrentDownloads: number;
  maxConcurrentUploads: number;
  /** ms a registry may stay silent mid-request. */
  idleTimeout: number;
  uploadChunkSize: number;
  maxDownloadAttempts: number;
}

export function buildRegistry(s: RegistrySettings): { access: RegistryAccess; backend: RegistryBackend; distribution: DistributionBackend } {
  const hosts: RegistryHosts = createRegistryHosts({ certsDir: s.certsDir, insecure: s.insecureRegistries });
  const session = (host: string, auth?: AuthConfig): RegistrySession => new (client().RegistrySession)({ hosts, host, auth, idleTimeout: s.idleTimeout });
  return {
    access: {
      session,
      maxConcurrentDownloads: s.maxConcurrentDownloads,
      maxConcurrentUploads: s.maxConcurrentUploads,
      uploadChunkSize: s.uploadChunkSize,
      maxDownloadAttempts: s.maxDownloadAttempts,
      defaultPlatform: { os: 'linux', architecture: hostArchitecture() },
    },
    backend: {
      async login(auth) {
        const host = registryHost(auth.serveraddress);
        await session(host, auth).login();
        return { Status: 'Login Succeeded', IdentityToken: '' };
      },
      async search(term, limit, filters, auth) {
        const { parseSearchFilters, splitSearchTerm, searchCatalog } = client();
        const f = parseSearchFilters(filters);
        const { host, term: rest } = splitSearchTerm(term);
        if (!host) {
          throw invalidArgument(`searching Docker Hub is not supported; search a private registry's catalog with its name first, e.g. localhost:5000/${term}`);
        }
        return searchCatalog(session(host, auth), rest, limit, f);
      },
    },
    distribution: {
      async inspect(name, auth) {
        const any = parseAnyReference(name);
        // dockerd's answer (a 500) for an image ID: it names no registry.
        if (any.kind === 'digest') throw system('no manifest found for full image ID');
        const ref = tagNameOnly(any.ref);
        const { Repository, inspectDistribution } = client();
        const repo = new Repository(session(ref.domain, auth), ref.path);
        const info = await inspectDistribution(repo, ref.digest ?? ref.tag!, { anonymous: !auth });
        return { Descriptor: info.descriptor, Platforms: info.platforms.length ? info.platforms : null };
      },
    },
  };
}

/** serveraddress as clients send it (https://index.docker.io/v1/, localhost:5000, https://reg:5000/) → host[:port]. */
export function registryHost(addr: string | undefined): string {
  if (!addr) return 'docker.io';
  let a = addr.replace(/^[a-z]+:\/\//i, '');
  a = a.split('/')[0];
  if (a === 'index.docker.io' || a === 'registry-1.docker.io' || a === 'docker.io') return 'docker.io';
  return a;
}
