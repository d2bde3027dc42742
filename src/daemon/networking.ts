// Builds the network manager for the daemon: its SQLite store, a tag unique
// to this daemon (chain and CNI names), and the DNS resolver that knows
// container names.
import { createHash } from 'node:crypto';
import type { DB } from '../metadata/db';
import type { ContainerTable } from '../metadata/containers';
import { SqliteNetworkStore } from '../metadata/networks';
import { NetworkManager } from '../network/manager';
import type { ContainerRecord } from '../container/types';
import { linkAlias } from '../container/links';
import type { DaemonConfig } from './config';

export const CNI_PLUGIN_DIR = '/usr/lib/cni';

/** Same for the same data root, so a restarted berthd finds its own chains; the test harness computes it too. */
export function daemonTag(dataRoot: string): string {
  return createHash('sha256').update(dataRoot).digest('hex').slice(0, 8);
}

export async function buildNetworking(o: {
  cfg: DaemonConfig;
  db: DB;
  table: ContainerTable<ContainerRecord>;
  log: (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void;
}): Promise<NetworkManager> {
  const store = new SqliteNetworkStore(o.db);
  const m = new NetworkManager({
    store,
    execRoot: o.cfg.execRoot,
    tag: daemonTag(o.cfg.dataRoot),
    pluginDir: CNI_PLUGIN_DIR,
    bridge: o.cfg.bridge,
    bip: o.cfg.bip,
    dns: o.cfg.dns,
    log: o.log,
  });
  // Container name, network alias or short ID, bare or followed by the
  // network's name ("web.appnet"), as Docker's embedded DNS answers.
  m.setResolver((networkId, asked, from) => {
    const out: string[] = [];
    const suffix = `.${store.network(networkId)?.name.toLowerCase()}`;
    const name = asked.endsWith(suffix) ? asked.slice(0, -suffix.length) : asked;
    const eps = store.endpoints({ networkId });
    // Legacy links made on connect (EndpointConfig.Links) are names only their own container resolves; it
    // asks its first network's listener, whichever of its networks the link was made in.
    const asker = eps.find((e) => e.ip === from);
    const me = asker && o.table.get(asker.containerId);
    for (const es of Object.values(me?.networks ?? {})) {
      for (const l of es.Links ?? []) {
        const { target, alias } = linkAlias(l);
        const t = target.replace(/^\//, '');
        if ((alias ?? t).toLowerCase() !== name) continue;
        const hit = store.endpoints({ networkId: es.NetworkID }).find((x) => {
          const c = o.table.get(x.containerId);
          return c && (c.name === t || c.id.startsWith(t));
        });
        if (hit) return hit.ip6 ? [hit.ip, hit.ip6] : [hit.ip];
      }
    }
    for (const e of eps) {
      const c = o.table.get(e.containerId);
      if (!c) continue;
      const hit =
        c.name.toLowerCase() === name ||
        e.aliases.some((a) => a.toLowerCase() === name) ||
        (name.length === 12 && c.id.startsWith(name));
      if (hit) out.push(e.ip, ...(e.ip6 ? [e.ip6] : []));
    }
    return out;
  }, (networkId, ip) => {
    // --dns of the container asking: the embedded server forwards to those.
    const e = store.endpoints({ networkId }).find((x) => x.ip === ip);
    return (e && o.table.get(e.containerId)?.hostConfig.Dns) || [];
  });
  await m.init();
  return m;
}
