// POST /networks/{id}/connect and /disconnect: a container joins or leaves a
// network; a running one gets (or loses) its endpoint at once, a stopped one
// keeps the setting for its next start.
import { forbidden, invalidArgument } from '../errdefs';
import { attach, detach, netnsPath, validateEndpointIpam } from '../network/endpoints';
import type { ContainerDeps } from './deps';
import { withContainerLock } from './lock';
import { endpointExtras, hasOwnNetwork, ipamConfigOf, type EndpointConfigBody } from './network';
import { findContainer } from './resolve';
import { refreshEtcFiles } from './etc-refresh';

export async function connectContainer(
  deps: ContainerDeps,
  netRef: string,
  ref: string,
  cfg: EndpointConfigBody = {},
): Promise<void> {
  const n = deps.network.find(netRef);
  const found = findContainer(deps.table, ref);
  await withContainerLock(found.id, async () => {
    const rec = deps.table.get(found.id)!;
    if (n.driver === 'host') throw forbidden('container cannot be disconnected from host network or connected to host network');
    if (!hasOwnNetwork(rec.hostConfig.NetworkMode) || n.driver === 'null') {
      throw forbidden('container sharing network namespace with another container or host cannot be connected to any other network');
    }
    const nets = rec.networks ?? {};
    if (nets[n.name]) throw forbidden(`endpoint with name ${rec.name} already exists in network ${n.name}`);
    validateEndpointIpam(n, cfg.IPAMConfig);
    const ipam = ipamConfigOf(cfg);
    const aliases = cfg.Aliases ?? [];
    if (aliases.length && n.predefined) throw invalidArgument('network-scoped alias is supported only for containers in user defined networks');
    const es = {
      NetworkID: n.id,
      Aliases: aliases.length ? aliases : null,
      IPAMConfig: ipam,
      MacAddress: cfg.MacAddress ?? '',
      ...endpointExtras(cfg),
    };
    if (rec.state.Running) {
      const used = new Set(deps.network.store.endpoints({ containerId: rec.id }).map((e) => e.ifname));
      let i = 0;
      while (used.has(`eth${i}`)) i++;
      await attach(deps.network, { id: rec.id, name: rec.name, netns: netnsPath(deps.network, rec.id), ifname: `eth${i}` }, {
        network: n,
        ipv4: ipam?.IPv4Address,
        ipv6: ipam?.IPv6Address,
        linkLocalIPs: ipam?.LinkLocalIPs,
        mac: cfg.MacAddress || undefined,
        aliases,
      });
    }
    deps.table.mutate(rec.id, (r) => {
      r.networks = { ...(r.networks ?? {}), [n.name]: es };
    });
    // joining a user network switches a running container's resolver to its embedded DNS, as dockerd
    if (rec.state.Running && !n.predefined) refreshEtcFiles(deps, deps.table.get(rec.id) ?? rec);
  });
  deps.events.emit('network', 'connect', n.id, { container: found.id, name: n.name, type: n.driver });
}

export async function disconnectContainer(deps: ContainerDeps, netRef: string, ref: string): Promise<void> {
  const n = deps.network.find(netRef);
  const found = findContainer(deps.table, ref);
  await withContainerLock(found.id, async () => {
    const rec = deps.table.get(found.id)!;
    if (n.driver === 'host') throw forbidden('container cannot be disconnected from host network or connected to host network');
    if (!rec.networks?.[n.name]) throw forbidden(`container ${rec.id} is not connected to network ${n.name}`);
    const ep = deps.network.store.endpoints({ containerId: rec.id }).find((e) => e.networkId === n.id);
    if (ep) await detach(deps.network, ep);
    deps.table.mutate(rec.id, (r) => {
      const nets = { ...(r.networks ?? {}) };
      delete nets[n.name];
      r.networks = nets;
      // Docker leaves NetworkMode naming the first network; a container left with none has no endpoints.
    });
  });
  deps.events.emit('network', 'disconnect', n.id, { container: found.id, name: n.name, type: n.driver });
}
