// API version negotiation, as the docker client does it: ping the daemon, read
// its API-Version header, and talk min(ours, theirs). A daemon that sends no
// header is taken to be 1.24, the last version before the header existed.
import type { PingInfo } from '../api/types';
import type { Transport } from './transport';
import { ConnectionError } from './errors';

export const CLIENT_API_VERSION = '1.47';
const FALLBACK_VERSION = '1.24';

/** Compare dotted versions numerically: -1, 0, 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The version to use given ours and what the server advertises. */
export function negotiateVersion(ours: string, server: string | undefined): string {
  const theirs = server && /^\d+(\.\d+)*$/.test(server) ? server : FALLBACK_VERSION;
  return compareVersions(theirs, ours) < 0 ? theirs : ours;
}

function pingInfo(headers: Record<string, string | string[] | undefined>): PingInfo {
  const h = (k: string): string | undefined => {
    const v = headers[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const exp = h('docker-experimental');
  return {
    apiVersion: h('api-version'),
    osType: h('ostype'),
    experimental: exp === 'true',
    builderVersion: h('builder-version'),
  };
}

/**
 * Ping the daemon: HEAD /_ping, falling back to GET when HEAD is not answered
 * (as docker's client does). Connection failures propagate; any HTTP answer,
 * even an error, still yields the headers.
 */
export async function ping(transport: Transport): Promise<PingInfo> {
  try {
    const res = await transport.request({ method: 'HEAD', path: '/_ping' });
    res.resume();
    if (res.statusCode === 200 || res.statusCode === 500) return pingInfo(res.headers);
  } catch (err) {
    if (err instanceof ConnectionError) throw err;
  }
  const res = await transport.request({ method: 'GET', path: '/_ping' });
  res.resume();
  return pingInfo(res.headers);
}
