// Adapts the network verbs (src/network) and connect/disconnect
// (src/container) to the router's NetworkBackend, and emits network events.
import type { NetworkBackend } from '../api/routers/network/backend';
import type { ContainerDeps } from '../container/deps';
import { connectContainer, disconnectContainer } from '../container/connect';
import { parseUntil } from '../container/prune';
import { invalidArgument } from '../errdefs';
import { listNetworks, networkResource, pruneNetworks } from '../network/inspect';

export function networkBackend(deps: ContainerDeps): NetworkBackend {
  const net = deps.network;
  const nameOf = (id: string) => deps.table.get(id)?.name ?? id;
  return {
    list: (filters) => listNetworks(net, filters),
    inspect: (ref) => networkResource(net, net.find(ref), nameOf),
    async create(body) {
      if (!body || typeof body !== 'object') throw invalidArgument('network name must not be empty');
      const r = await net.create(body);
      deps.events.emit('network', 'create', r.Id, { name: body.Name, type: body.Driver || 'bridge' });
      return r;
    },
    async remove(ref) {
      const n = net.find(ref);
      await net.remove(n.id, nameOf);
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
      const deleted = await pruneNetworks(net, filters, (v) => parseUntil(v));
      for (const n of deleted) deps.events.emit('network', 'destroy', n.id, { name: n.name, type: n.driver });
      return { NetworksDeleted: deleted.map((n) => n.name) };
    },
  };
}
