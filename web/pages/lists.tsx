// Volumes and networks: plain lists, reloaded on their own events.
import { useEffect } from 'preact/hooks';
import { getJSON } from '../api';
import { onEvent } from '../events';
import { ErrorLine, Head, useLoad } from '../widgets';

export function VolumesPage() {
  const v = useLoad(() => getJSON<{ Volumes: { Name: string; Driver: string; Mountpoint: string; CreatedAt?: string }[] }>('/volumes'));
  useEffect(() => onEvent((e) => e.Type === 'volume' && v.reload()), []);
  return (
    <>
      <h1>Volumes</h1>
      <ErrorLine error={v.error} />
      <table class="list" id="volumes">
        <Head cols={['Name', 'Driver', 'Mountpoint', 'Created']} />
        <tbody>
          {(v.value?.Volumes ?? []).map((x) => (
            <tr>
              <td class="mono">{x.Name}</td>
              <td>{x.Driver}</td>
              <td class="mono">{x.Mountpoint}</td>
              <td>{x.CreatedAt ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function NetworksPage() {
  const n = useLoad(() => getJSON<{ Id: string; Name: string; Driver: string; Scope: string; IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] } }[]>('/networks'));
  useEffect(() => onEvent((e) => e.Type === 'network' && n.reload()), []);
  return (
    <>
      <h1>Networks</h1>
      <ErrorLine error={n.error} />
      <table class="list" id="networks">
        <Head cols={['Name', 'ID', 'Driver', 'Scope', 'Subnets']} />
        <tbody>
          {(n.value ?? []).map((x) => (
            <tr>
              <td>{x.Name}</td>
              <td class="mono">{x.Id.slice(0, 12)}</td>
              <td>{x.Driver}</td>
              <td>{x.Scope}</td>
              <td class="mono">{(x.IPAM?.Config ?? []).map((c) => c.Subnet).filter(Boolean).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
