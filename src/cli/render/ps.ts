// `berth ps` rows: docker/cli's ContainerContext (cli/command/formatter/container.go).
import type { ContainerSummary, Port } from '../../api/types';
import { quote } from '../format/gofmt';
import { humanSize, timeAgo, truncateID } from '../format/humanize';
import { familiarString, tryParseNamed } from '../opts/reference';
import { ellipsis, goTimeString, stripNamePrefix } from './text';

export const PS_DEFAULT_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
export const PS_SIZE_TABLE = `${PS_DEFAULT_TABLE}\t{{.Size}}`;

export const PS_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Names: 'NAMES',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
};

function comparePorts(a: Port, b: Port): number {
  if (a.PrivatePort !== b.PrivatePort) return a.PrivatePort - b.PrivatePort;
  const ai = a.IP ?? '';
  const bi = b.IP ?? '';
  if (ai !== bi) return ai < bi ? -1 : 1;
  const ap = a.PublicPort ?? 0;
  const bp = b.PublicPort ?? 0;
  if (ap !== bp) return ap - bp;
  return a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0;
}

const joinHostPort = (host: string, port: string): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

function formGroup(key: string, start: number, last: number): string {
  const parts = key.split('/');
  let groupType = parts[0];
  let ip = '';
  if (parts.length > 1) {
    ip = parts[0];
    groupType = parts[1];
  }
  let group = String(start);
  if (start !== last) group = `${group}-${last}`;
  if (ip !== '') group = `${joinHostPort(ip, group)}->${group}`;
  return `${group}/${groupType}`;
}

/**
 * formatter.DisplayablePorts: "0.0.0.0:8080->80/tcp, 443/tcp", with runs of
 * consecutive unpublished (or same-number published) ports grouped as ranges.
 */
export function displayablePorts(ports: Port[] | null | undefined): string {
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  const sorted = [...(ports ?? [])].sort(comparePorts);
  for (const port of sorted) {
    const current = port.PrivatePort;
    let key: string = port.Type;
    if (port.IP) {
      if ((port.PublicPort ?? 0) !== current) {
        hostMappings.push(`${joinHostPort(port.IP, String(port.PublicPort ?? 0))}->${port.PrivatePort}/${port.Type}`);
        continue;
      }
      key = `${port.IP}/${port.Type}`;
    }
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: current, last: current });
      continue;
    }
    if (current === g.last + 1) {
      g.last = current;
      continue;
    }
    result.push(formGroup(key, g.first, g.last));
    // the key keeps its first position among the groups, as in docker
    g.first = current;
    g.last = current;
  }
  for (const [key, g] of groups) result.push(formGroup(key, g.first, g.last));
  result.push(...hostMappings);
  return result.join(', ');
}

/** The data a ps --format template sees, named as in docker. */
export class ContainerContext {
  constructor(
    private readonly c: ContainerSummary,
    private readonly trunc: boolean,
    private readonly now: number = Date.now(),
  ) {}

  get ID(): string {
    return this.trunc ? truncateID(this.c.Id) : this.c.Id;
  }

  get Names(): string {
    const names = stripNamePrefix(this.c.Names);
    if (!this.trunc) return names.join(',');
    // the container's own name, not the names it has through links ("web/db")
    const own = names.find((n) => !n.includes('/'));
    return own !== undefined ? own : names.join(',');
  }

  get Image(): string {
    const img = this.c.Image;
    if (!img) return '<no image>';
    if (this.trunc) {
      const t = truncateID(this.c.ImageID ?? '');
      if (t && t === truncateID(img)) return t;
      const ref = tryParseNamed(img);
      if (ref) return familiarString({ ...ref, digest: undefined });
    }
    return img;
  }

  get Command(): string {
    const cmd = this.trunc ? ellipsis(this.c.Command ?? '', 20) : (this.c.Command ?? '');
    return quote(cmd);
  }

  get CreatedAt(): string {
    return goTimeString(this.c.Created * 1000);
  }

  get RunningFor(): string {
    return timeAgo(this.c.Created * 1000, this.now);
  }

  get Ports(): string {
    return displayablePorts(this.c.Ports);
  }

  get State(): string {
    return this.c.State;
  }

  get Status(): string {
    return this.c.Status;
  }

  get Size(): string {
    const rw = humanSize(this.c.SizeRw ?? 0, 3);
    const root = this.c.SizeRootFs ?? 0;
    return root > 0 ? `${rw} (virtual ${humanSize(root, 3)})` : rw;
  }

  get Labels(): string {
    const l = this.c.Labels ?? {};
    return Object.keys(l)
      .sort()
      .map((k) => `${k}=${l[k]}`)
      .join(',');
  }

  Label(name: string): string {
    return (this.c.Labels ?? {})[name] ?? '';
  }

  get Mounts(): string {
    return (this.c.Mounts ?? [])
      .map((m) => {
        const name = m.Name || m.Source || '';
        return this.trunc ? ellipsis(name, 15) : name;
      })
      .join(',');
  }

  get LocalVolumes(): string {
    return String((this.c.Mounts ?? []).filter((m) => m.Driver === 'local').length);
  }

  /** The image's platform (API 1.48+); berth's API has none to report. */
  get Platform(): null {
    return null;
  }

  get Networks(): string {
    return Object.keys(this.c.NetworkSettings?.Networks ?? {})
      .sort()
      .join(',');
  }
}
