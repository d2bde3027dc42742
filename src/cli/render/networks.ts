// `berth network ls` rows: docker/cli's networkContext (cli/command/formatter/network.go).
import type { NetworkResource } from '../../api/types';
import { truncateID } from '../format/humanize';
import { goTimeString } from './text';

export const NETWORKS_DEFAULT_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';

export const NETWORKS_HEADERS: Record<string, string> = {
  ID: 'NETWORK ID',
  Name: 'NAME',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  IPv4: 'IPV4',
  IPv6: 'IPV6',
  Internal: 'INTERNAL',
  Labels: 'LABELS',
  CreatedAt: 'CREATED AT',
};

export class NetworkContext {
  constructor(
    private readonly n: NetworkResource,
    private readonly trunc: boolean,
  ) {}
  get ID(): string {
    return this.trunc ? truncateID(this.n.Id) : this.n.Id;
  }
  get Name(): string {
    return this.n.Name;
  }
  get Driver(): string {
    return this.n.Driver;
  }
  get Scope(): string {
    return this.n.Scope;
  }
  get IPv4(): string {
    return String(this.n.EnableIPv4 ?? true);
  }
  get IPv6(): string {
    return String(this.n.EnableIPv6);
  }
  get Internal(): string {
    return String(this.n.Internal);
  }
  get Labels(): string {
    return Object.entries(this.n.Labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  }
  Label(name: string): string {
    return this.n.Labels?.[name] ?? '';
  }
  get CreatedAt(): string {
    return goTimeString(Date.parse(this.n.Created));
  }
}

/** Sorted by name, as the docker CLI lists them. */
export function networkRows(list: NetworkResource[], trunc: boolean): NetworkContext[] {
  return [...list].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0)).map((n) => new NetworkContext(n, trunc));
}
