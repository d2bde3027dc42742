// Legacy links (--link name:alias) and the inputs of a container's /etc
// files: its own address, link and --add-host entries, and which resolver
// it uses (the embedded DNS server on user-defined networks).
import { conflict } from '../errdefs';
import type { EndpointRecord } from '../network/types';
import type { ContainerDeps } from './deps';
import type { EtcInput } from './etcfiles';
import { findContainer } from './resolve';
import type { ContainerRecord } from './types';

export interface Link {
  alias: string;
  child: ContainerRecord;
  ip: string;
}

/** "child:alias" (or "child") as stored → target and alias (the child's name when none). */
export function linkAlias(link: string): { target: string; alias: string | null } {
  const i = link.indexOf(':');
  const target = i < 0 ? link : link.slice(0, i);
  const alias = i < 0 ? null : link.slice(i + 1).replace(/^.*\//, '');
  return { target, alias: alias || null };
}

/** The linked containers, which must be running (Docker's message otherwise). */
export function resolveLinks(deps: ContainerDeps, rec: ContainerRecord): Link[] {
  return (rec.hostConfig.Links ?? []).map((l) => {
    const { target, alias: given } = linkAlias(l);
    const child = findContainer(deps.table, target);
    const alias = given ?? child.name;
    if (!child.state.Running) throw conflict(`Cannot link to a non running container: /${child.name} AS /${rec.name}/${alias}`);
    const eps = deps.network.store.endpoints({ containerId: child.id });
    const bridge = deps.network.store.networkByName('bridge');
    const ep = eps.find((e) => e.networkId === bridge?.id) ?? eps[0];
    return { alias, child, ip: ep?.ip ?? '' };
  });
}

/** Docker's link variables: ALIAS_NAME, ALIAS_PORT…, ALIAS_ENV_… (HOME and PATH left out). */
export function linkEnv(parentName: string, links: Link[]): string[] {
  const env: string[] = [];
  for (const l of links) {
    const A = l.alias.toUpperCase().replace(/-/g, '_');
    const ports = Object.keys(l.child.config.ExposedPorts ?? {})
      .map((k) => {
        const [p, proto = 'tcp'] = k.split('/');
        return { port: Number(p), proto };
      })
      // By number, tcp first on a tie.
      .sort((a, b) => a.port - b.port || (a.proto === 'tcp' ? -1 : b.proto === 'tcp' ? 1 : 0));
    if (ports.length) env.push(`${A}_PORT=${ports[0].proto}://${l.ip}:${ports[0].port}`);
    // Runs of consecutive ports of one protocol also get _START/_END variables.
    let start = 0;
    for (let i = 1; i <= ports.length; i++) {
      const prev = ports[i - 1];
      const cur = ports[i];
      if (cur && cur.proto === ports[start].proto && cur.port === prev.port + 1) continue;
      if (i - 1 > start) {
        const s = ports[start];
        const P = `${A}_PORT_${s.port}_${s.proto.toUpperCase()}`;
        env.push(
          `${P}_START=${s.proto}://${l.ip}:${s.port}`,
          `${P}_ADDR=${l.ip}`,
          `${P}_PORT_START=${s.port}`,
          `${P}_PORT_END=${prev.port}`,
          `${P}_END=${prev.proto}://${l.ip}:${prev.port}`,
        );
      }
      start = i;
    }
    for (const p of ports) {
      const P = `${A}_PORT_${p.port}_${p.proto.toUpperCase()}`;
      env.push(`${P}=${p.proto}://${l.ip}:${p.port}`, `${P}_ADDR=${l.ip}`, `${P}_PORT=${p.port}`, `${P}_PROTO=${p.proto}`);
    }
    env.push(`${A}_NAME=/${parentName}/${l.alias}`);
    for (const e of l.child.config.Env ?? []) {
      const i = e.indexOf('=');
      if (i < 0) continue;
      const k = e.slice(0, i);
      if (k === 'HOME' || k === 'PATH') continue;
      env.push(`${A}_ENV_${k}=${e.slice(i + 1)}`);
    }
  }
  return env;
}

export function etcInput(deps: ContainerDeps, rec: ContainerRecord, endpoints: EndpointRecord[], links: Link[]): EtcInput {
  const net = deps.network;
  const bridge = net.store.networkByName('bridge');
  const userNet = endpoints.map((e) => net.store.network(e.networkId)).find((n) => n && !n.predefined);
  const linkHosts = links.map((l) => {
    // alias, the child's hostname, and its name unless that is the alias.
    const names = [l.alias, l.child.config.Hostname, ...(l.alias !== l.child.name ? [l.child.name] : [])];
    return `${l.ip}\t${names.join(' ')}`;
  });
  return {
    selfIp: endpoints[0]?.ip,
    selfIp6: endpoints[0]?.ip6,
    linkHosts,
    hostGateway: bridge?.gateway,
    embeddedDns: userNet?.gateway,
    daemonDns: deps.settings.dns,
  };
}
