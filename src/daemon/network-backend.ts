// Adapts the network manager and the connect/disconnect verbs to the
// router's NetworkBackend, in Docker's NetworkResource shape.
import type { NetworkBackend } from '../api/routers/network/backend';
import type { NetworkResource } from '../api/types/network';
import type { ContainerDeps } from '../container/deps';
import { connectContainer, disconnectContainer } from '../container/connect';
import { parseUntil } from '../container/prune';
import { invalidArgument } from '../errdefs';
import type { NetworkRecord } from '../network/types';

export function networkResource(deps: ContainerDeps, n: NetworkRecord, withContainers: boolean): NetworkResource {
  const containers: NetworkResource['Containers'] = {};
  if (withContainers) {
    for (const e of deps.network.endpointsOf(n.id)) {
      containers[e.containerId] = {
        Name: deps.table.get(e.containerId)?.name ?? '',
        EndpointID: e.endpointId,
        MacAddress: e.mac,
        IPv4Address: `${e.ip}/${e.prefixLen}`,
        IPv6Address: '',
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
    EnableIPv6: false,
    IPAM: {
      Driver: 'default',
      Options: null,
      Config: n.subnet ? [{ Subnet: n.subnet, ...(n.ipRange ? { IPRange: n.ipRange } : {}), Gateway: n.gateway }] : [],
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

function labelMatch(labels: Record<string, string>, f: string): boolean {
  const i = f.indexOf('=');
  return i < 0 ? f in labels : labels[f.slice(0, i)] === f.slice(i + 1);
}

const FILTERS = ['name', 'id', 'driver', 'label', 'type', 'scope', 'dangling'];

export function networkBackend(deps: ContainerDeps): NetworkBackend {
  const net = deps.network;
  return {
    list(filters) {
      for (const k of filters.keys()) if (!FILTERS.includes(k)) throw invalidArgument(`invalid filter '${k}'`);
      for (const t of filters.get('type') ?? []) if (!['custom', 'builtin'].includes(t)) throw invalidArgument(`invalid filter: 'type'='${t}'`);
      const list = net.list().filter((n) => {
        const f = (k: string) => filters.get(k);
        if (f('name') && !f('name')!.some((v) => n.name.includes(v))) return false;
        if (f('id') && !f('id')!.some((v) => n.id.startsWith(v))) return false;
        if (f('driver') && !f('driver')!.includes(n.driver)) return false;
        if (f('label') && !f('label')!.every((v) => labelMatch(n.labels, v))) return false;
        if (f('type') && !f('type')!.includes(n.predefined ? 'builtin' : 'custom')) return false;
        if (f('scope') && !f('scope')!.includes('local')) return false;
        if (f('dangling')) {
          const want = ['true', '1'].includes(f('dangling')![0]);
          const dangling = !n.predefined && net.endpointsOf(n.id).length === 0;
          if (want !== dangling) return false;
        }
        return true;
      });
      return list.map((n) => networkResource(deps, n, false));
    },
    inspect: (ref) => networkResource(deps, net.find(ref), true),
    async create(body) {
      if (!body || typeof body !== 'object') throw invalidArgument('network name must not be empty');
      const r = await net.create(body);
      deps.events.emit('network', 'create', r.Id, { name: body.Name, type: body.Driver || 'bridge' });
      return r;
    },
    async remove(ref) {
      const n = net.find(ref);
      await net.remove(n.id, (id) => deps.table.get(id)?.name ?? id);
      deps.events.emit('network', 'destroy', n.id, { name: n.name, type: n.driver });
    },
    async connect(ref, body) {
      if (!body?.Container) throw invalidArgument('container is required');
      await connectContainer(deps, ref, body.Container, body.EndpointConfig ?? {});
    },
    async disconnect(ref, body) {
      if (!body?.Container) throw invalidArgument('container is required');
      await disconnectContainer(deps, ref, body.Container);
    },
    async prune(filters) {
      for (const k of filters.keys()) if (!['until', 'label', 'label!'].includes(k)) throw invalidArgument(`invalid filter '${k}'`);
      const until = filters.get('until')?.map((v) => parseUntil(v));
      const deleted: string[] = [];
      for (const n of net.list()) {
        if (n.predefined || net.endpointsOf(n.id).length) continue;
        if (until && !until.every((t) => Date.parse(n.created) < t)) continue;
        if (filters.get('label') && !filters.get('label')!.every((v) => labelMatch(n.labels, v))) continue;
        if (filters.get('label!') && filters.get('label!')!.some((v) => labelMatch(n.labels, v))) continue;
        await net.remove(n.id, (id) => id).then(
          () => deleted.push(n.name),
          () => {},
        );
      }
      return { NetworksDeleted: deleted };
    },
  };
}
