// API version negotiation, done once here so handlers never check versions.
import { invalidArgument } from '../../errdefs';

export const MAX_API_VERSION = '1.47';
export const MIN_API_VERSION = '1.24';

function cmp(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

/** Splits '/v1.41/containers/json' into version and path; checks the range like dockerd does. */
export function splitVersion(path: string): { version: string; path: string } {
  const m = /^\/v(\d+\.\d+)(\/.*)$/.exec(path);
  if (!m) return { version: MAX_API_VERSION, path };
  const version = m[1];
  if (cmp(version, MAX_API_VERSION) > 0) {
    throw invalidArgument(
      `client version ${version} is too new. Maximum supported API version is ${MAX_API_VERSION}`,
    );
  }
  if (cmp(version, MIN_API_VERSION) < 0) {
    throw invalidArgument(
      `client version ${version} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`,
    );
  }
  return { version, path: m[2] };
}

export const versionAtLeast = (v: string, min: string): boolean => cmp(v, min) >= 0;
