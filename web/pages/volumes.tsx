// Volumes: the list with the containers using each, create, remove and prune
// (confirmed in the page); reloaded on volume events.
import { useEffect, useState } from 'preact/hooks';
import { getJSON, post } from '../api';
import { onEvent } from '../events';
import { bytes } from '../format';
import { Head, useLoad } from '../widgets';
import { useRemovePrune } from './remove-prune';
import { UsedBy, useUsage } from './usage';

interface Volume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt?: string;
}

// all=true: named volumes too, as `docker volume prune --all` (API >= 1.42 prunes only anonymous ones otherwise)
const PRUNE_ALL = encodeURIComponent(JSON.stringify({ all: ['true'] }));

export function VolumesPage() {
  const v = useLoad(() => getJSON<{ Volumes: Volume[] }>('/volumes'));
  const usage = useUsage();
  const [name, setName] = useState('');
  const rp = useRemovePrune({
    kind: 'volume',
    path: (n) => `/volumes/${encodeURIComponent(n)}`,
    pruneText: 'Remove every volume no container uses?',
    reload: v.reload,
    prune: async () => {
      const res = (await post(`/volumes/prune?filters=${PRUNE_ALL}`)) as { VolumesDeleted?: string[] | null; SpaceReclaimed?: number };
      return `pruned ${(res.VolumesDeleted ?? []).length} volumes, reclaimed ${bytes(res.SpaceReclaimed ?? 0)}`;
    },
  });
  useEffect(() => onEvent((e) => e.Type === 'volume' && v.reload()), []);
  const create = (e: Event) => {
    e.preventDefault();
    post('/volumes/create', { Name: name.trim() }).then(() => (setName(''), rp.done()), rp.fail);
  };
  return (
    <>
      <div class="toolbar">
        <h1>Volumes</h1>
        <form class="create" onSubmit={create}>
          <input name="name" placeholder="new volume's name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          <button>Create</button>
        </form>
        {rp.pruneButton}
      </div>
      {rp.errorLine(v.error)}
      <table class="list" id="volumes">
        <Head cols={['Name', 'Driver', 'Mountpoint', 'Created', 'Used by', '']} />
        <tbody>
          {(v.value?.Volumes ?? []).map((x) => (
            <tr data-volume={x.Name}>
              <td class="mono">{x.Name}</td>
              <td>{x.Driver}</td>
              <td class="mono">{x.Mountpoint}</td>
              <td>{x.CreatedAt ?? ''}</td>
              <td class="used">
                <UsedBy names={usage.volumes.get(x.Name)} />
              </td>
              <td>{rp.removeButton(x.Name)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rp.dialogs}
    </>
  );
}
