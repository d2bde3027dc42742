// Networks in Docker's NetworkResource shape, and the list, inspect and
// prune verbs with their filters.
import type { NetworkResource } from '../api/types/network';
import { invalidArgument } from '../errdefs';
import type { NetworkManager } from './manager';
import type { NetworkRecord } from './types';

/** Container ID → name, for the Containers map and error messages. */
export type NameOf = (containerId: string) => string;

export function networkResource(m: NetworkManager, n: NetworkRecord, nameOf?: NameOf): NetworkResource {
  const containers: NetworkResource['Containers'] = {};
  if (nameOf) {
    for (const e of m.endpointsOf(n.id)) {
      containers[e.containerId] = {
        Name: nameOf(e.containerId),
        EndpointID: e.endpointId,
        MacAddress: e.mac,
        IPv4Address: `${e.ip}/${e.prefixLen}`,
        IPv6Address: e.ip6 ? `${e.ip6}/${e.prefixLen6}` : '',
      };
    }
  }
  return {
    Name: n.name,
    Id: n.id,
    Created: n.created,
    Scope: 'local',
    Driver: n.driver,
    EnableIPv4: true,
    EnableIPv6: !!n.enableIPv6,
    IPAM: {
      Driver: 'default',
      Options: null,
      Config: n.subnet
        ? [
            {
              Subnet: n.subnet,
              ...(n.ipRange ? { IPRange: n.ipRange } : {}),
              ...(n.noUserGateway ? {} : { Gateway: n.gateway }),
              ...(n.auxAddresses ? { AuxiliaryAddresses: n.auxAddresses } : {}),
            },
            ...(n.subnet6
              ? [
                  {
                    Subnet: n.subnet6,
                    ...(n.ipRange6 ? { IPRange: n.ipRange6 } : {}),
                    ...(n.noUserGateway6 ? {} : { Gateway: n.gateway6 }),
                    ...(n.auxAddresses6 ? { AuxiliaryAddresses: n.auxAddresses6 } : {}),
                  },
                ]
              : []),
          ]
        : [],
    },
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containers,
    Options: n.options,
    Labels: n.labels,
  };
}

export function labelMatch(labels: Record<string, string>, f: string): boolean {
  const i = f.indexOf('=');
  return i < 0 ? f in labels : labels[f.slice(0, i)] === f.slice(i + 1);
}

const LIST_FILTERS = ['name', 'id', 'driver', 'label', 'type', 'scope', 'dangling'];

/** GET /networks with Docker's filters (name is a substring, id a prefix). */
export function listNetworks(m: NetworkManager, filters: Map<string, string[]>): NetworkResource[] {
  for (const k of filters.keys()) if (!LIST_FILTERS.includes(k)) throw invalidArgument(`invalid filter '${k}'`);
  for (const t of filters.get('type') ?? []) if (!['custom', 'builtin'].includes(t)) throw invalidArgument(`invalid filter: 'type'='${t}'`);
  const f = (k: string) => filters.get(k);
  return m
    .list()
    .filter((n) => {
      if (f('name') && !f('name')!.some((v) => n.name.includes(v))) return false;
      if (f('id') && !f('id')!.some((v) => n.id.startsWith(v))) return false;
      if (f('driver') && !f('driver')!.includes(n.driver)) return false;
      if (f('label') && !f('label')!.every((v) => labelMatch(n.labels, v))) return false;
      if (f('type') && !f('type')!.includes(n.predefined ? 'builtin' : 'custom')) return false;
      if (f('scope') && !f('scope')!.includes('local')) return false;
      if (f('dangling')) {
        const want = ['true', '1'].includes(f('dangling')![0]);
        if (want !== (!n.predefined && m.endpointsOf(n.id).length === 0)) return false;
      }
      return true;
    })
    .map((n) => networkResource(m, n));
}

/** POST /networks/prune: user networks without endpoints (filters until, label, label!). */
export async function pruneNetworks(
  m: NetworkManager,
  filters: Map<string, string[]>,
  parseUntil: (v: string) => number,
): Promise<NetworkRecord[]> {
  for (const k of filters.keys()) if (!['until', 'label', 'label!'].includes(k)) throw invalidArgument(`invalid filter '${k}'`);
  const until = filters.get('until')?.map(parseUntil);
  const deleted: NetworkRecord[] = [];
  for (const n of m.list()) {
    if (n.predefined || m.endpointsOf(n.id).length) continue;
    if (until && !until.every((t) => Date.parse(n.created) < t)) continue;
    if (filters.get('label') && !filters.get('label')!.every((v) => labelMatch(n.labels, v))) continue;
    if (filters.get('label!') && filters.get('label!')!.some((v) => labelMatch(n.labels, v))) continue;
    try {
      await m.remove(n.id, (id) => id);
      deleted.push(n);
    } catch {
      /* became busy meanwhile: kept */
    }
  }
  return deleted;
}
