// Builds the network manager for the daemon: its SQLite store, a tag unique
// to this daemon (chain and CNI names), and the DNS resolver that knows
// container names.
import { createHash } from 'node:crypto';
import type { DB } from '../metadata/db';
import type { ContainerTable } from '../metadata/containers';
import { SqliteNetworkStore } from '../metadata/networks';
import { NetworkManager } from '../network/manager';
import type { ContainerRecord } from '../container/types';
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
    const netName = store.network(networkId)?.name ?? '';
    const suffix = `.${netName.toLowerCase()}`;
    const name = asked.endsWith(suffix) ? asked.slice(0, -suffix.length) : asked;
    const endpoints = store.endpoints({ networkId });
    // A link made on this network ("target:alias") is a name only for the container that made it.
    const asker = endpoints.find((x) => x.ip === from);
    for (const l of (asker && o.table.get(asker.containerId)?.networks?.[netName]?.Links) || []) {
      const [target, alias = target] = l.split(':');
      if (alias.toLowerCase() !== name) continue;
      const t = o.table.byName(target.replace(/^\//, '')) ?? o.table.get(target);
      const te = t && endpoints.find((x) => x.containerId === t.id);
      if (te) return [te.ip];
    }
    for (const e of endpoints) {
      const c = o.table.get(e.containerId);
      if (!c) continue;
      const hit =
        c.name.toLowerCase() === name ||
        e.aliases.some((a) => a.toLowerCase() === name) ||
        (name.length === 12 && c.id.startsWith(name));
      if (hit) out.push(e.ip);
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
