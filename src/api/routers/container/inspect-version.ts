// GET /containers/{id}/json in the shape of older API versions, as
// dockerd's router adapts it. Before v1.45 the Aliases of an endpoint on a
// user-defined network end with the container's short ID (dockerd 20.10
// added it on connect); from v1.45 Aliases are exactly what create/connect
// sent and the short ID is in DNSNames only.
import { versionAtLeast } from '../../server/version';

interface Inspected {
  Id?: string;
  NetworkSettings?: { Networks?: Record<string, { Aliases?: string[] | null; DNSNames?: string[] | null }> };
}

export function inspectForVersion<T>(info: T, apiVersion: string): T {
  if (versionAtLeast(apiVersion, '1.45')) return info;
  const c = info as Inspected;
  const short = c.Id?.slice(0, 12);
  for (const ep of Object.values(c.NetworkSettings?.Networks ?? {})) {
    // DNSNames is set exactly for a connected endpoint on a user-defined network.
    if (short && ep.DNSNames?.length && !(ep.Aliases ?? []).includes(short)) ep.Aliases = [...(ep.Aliases ?? []), short];
  }
  return info;
}
