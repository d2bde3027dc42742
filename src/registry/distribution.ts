// What `GET /distribution/{name}/json` reports about a reference, asked of
// its registry (dockerd's distribution router): the manifest's descriptor
// and the platforms it is for — every entry of an index or manifest list, or
// the os/architecture of a single manifest's config. Nothing is stored.
import { isKind, notFound, system } from '../errdefs';
import { sha256Digest } from '../util/digest';
import { readBody } from './http';
import type { Repository } from './repository';
import { isIndexType, isManifestType, type ImageIndex, type ImageManifest, type Platform } from './types';

export interface DistributionInfo {
  descriptor: { mediaType: string; digest: string; size: number };
  /** Empty when the registry says nothing of the platform. */
  platforms: Platform[];
}

/** An OCI platform in Go's field order, empty fields left out as dockerd's JSON does. */
function platformOf(p: Partial<Platform> | undefined): Platform {
  const out: Platform = { architecture: String(p?.architecture ?? ''), os: String(p?.os ?? '') };
  if (p?.['os.version']) out['os.version'] = String(p['os.version']);
  if (Array.isArray(p?.['os.features']) && p['os.features'].length) out['os.features'] = p['os.features'].map(String);
  if (p?.variant) out.variant = String(p.variant);
  return out;
}

/** The config's platform; like dockerd, a config that cannot be read only means no platform. */
async function configPlatform(repo: Repository, digest: string): Promise<Platform[]> {
  try {
    const bytes = await readBody(await repo.blob(digest), 4 << 20);
    if (sha256Digest(bytes) !== digest) return [];
    const c = JSON.parse(bytes.toString('utf8')) as Partial<Platform>;
    return c && (c.os || c.architecture) ? [platformOf(c)] : [];
  } catch {
    return [];
  }
}

/**
 * `anonymous`: no credentials came with the request. Errors carry dockerd's
 * statuses: 404 for an unknown repository, tag or digest; 401 for refused
 * credentials; 500 for no credentials where they are needed and for a
 * registry that cannot be reached.
 */
export async function inspectDistribution(repo: Repository, tagOrDigest: string, opts: { anonymous: boolean }): Promise<DistributionInfo> {
  let m;
  try {
    m = await repo.manifest(tagOrDigest);
  } catch (err) {
    // dockerd asks with a HEAD first, whose 404 has no body: always this message.
    if (isKind(err, 'NotFound')) throw notFound('manifest unknown: manifest unknown');
    if (isKind(err, 'Unauthorized') && opts.anonymous) {
      throw system(`Head "${repo.session.base ?? `https://${repo.session.host}`}/v2/${repo.name}/manifests/${tagOrDigest}": no basic auth credentials`);
    }
    if (isKind(err, 'Unavailable')) throw system((err as Error).message, err);
    throw err;
  }
  const descriptor = { mediaType: m.mediaType, digest: m.digest, size: m.bytes.length };
  const body = JSON.parse(m.bytes.toString('utf8')) as Partial<ImageIndex & ImageManifest>;
  if (isIndexType(m.mediaType)) return { descriptor, platforms: (body.manifests ?? []).map((d) => platformOf(d.platform)) };
  if (isManifestType(m.mediaType) && body.config?.digest) return { descriptor, platforms: await configPlatform(repo, body.config.digest) };
  return { descriptor, platforms: [] };
}
