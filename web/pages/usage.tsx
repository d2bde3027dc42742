// Which containers use each volume and each network: read from the
// containers' own list (their Mounts and NetworkSettings.Networks), as
// `docker ps --filter volume=… / network=…` answers it; reloaded on
// container events so a page's "used by" follows starts and removals.
import { useEffect } from 'preact/hooks';
import { getJSON } from '../api';
import { onEvent } from '../events';
import { useLoad } from '../widgets';

interface Listed {
  Id: string;
  Names: string[];
  Mounts?: { Type: string; Name?: string }[];
  NetworkSettings?: { Networks?: Record<string, unknown> };
}

export interface Usage {
  volumes: Map<string, string[]>;
  networks: Map<string, string[]>;
}

export function usageOf(list: Listed[]): Usage {
  const volumes = new Map<string, string[]>();
  const networks = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, key: string, name: string) => m.set(key, [...(m.get(key) ?? []), name]);
  for (const c of list) {
    const name = (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
    for (const m of c.Mounts ?? []) if (m.Type === 'volume' && m.Name) add(volumes, m.Name, name);
    for (const n of Object.keys(c.NetworkSettings?.Networks ?? {})) add(networks, n, name);
  }
  return { volumes, networks };
}

export function useUsage(): Usage {
  const list = useLoad(() => getJSON<Listed[]>('/containers/json?all=1'));
  useEffect(() => onEvent((e) => e.Type === 'container' && list.reload()), []);
  return usageOf(list.value ?? []);
}

/** The containers using a thing, as links to their pages. */
export const UsedBy = (p: { names?: string[] }) =>
  p.names?.length ? (
    <>
      {p.names.map((n, i) => (
        <>
          {i > 0 && ', '}
          <a href={`#/c/${encodeURIComponent(n)}`}>{n}</a>
        </>
      ))}
    </>
  ) : (
    <span class="dim">unused</span>
  );
