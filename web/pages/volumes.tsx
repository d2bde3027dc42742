// Volumes: the list with the containers using each, create, remove and prune
// (confirmed in the page); reloaded on volume events.
import { useEffect, useState } from 'preact/hooks';
import { del, getJSON, post } from '../api';
import { onEvent } from '../events';
import { bytes } from '../format';
import { Confirm, ErrorLine, Head, useLoad } from '../widgets';
import { UsedBy, useUsage } from './usage';

interface Volume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt?: string;
}

export function VolumesPage() {
  const v = useLoad(() => getJSON<{ Volumes: Volume[] }>('/volumes'));
  const usage = useUsage();
  const [name, setName] = useState('');
  const [removing, setRemoving] = useState<string>();
  const [pruning, setPruning] = useState(false);
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  useEffect(() => onEvent((e) => e.Type === 'volume' && v.reload()), []);
  const fail = (e: Error) => setError(e.message);
  const create = (e: Event) => {
    e.preventDefault();
    post('/volumes/create', { Name: name.trim() }).then(() => (setError(undefined), setName(''), v.reload()), fail);
  };
  const prune = () => {
    setPruning(false);
    // all=true: named volumes too, as `docker volume prune --all` (API >= 1.42 prunes only anonymous ones otherwise)
    post(`/volumes/prune?filters=${encodeURIComponent(JSON.stringify({ all: ['true'] }))}`).then((r) => {
      const res = r as { VolumesDeleted?: string[] | null; SpaceReclaimed?: number };
      setNote(`pruned ${(res.VolumesDeleted ?? []).length} volumes, reclaimed ${bytes(res.SpaceReclaimed ?? 0)}`);
      v.reload();
    }, fail);
  };
  return (
    <>
      <div class="toolbar">
        <h1>Volumes</h1>
        <form class="create" onSubmit={create}>
          <input name="name" placeholder="new volume's name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          <button>Create</button>
        </form>
        <button class="danger" id="prune-volumes" onClick={() => setPruning(true)}>
          prune unused
        </button>
        {note && <span class="dim" id="prune-note">{note}</span>}
      </div>
      <ErrorLine error={error ?? v.error} />
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
              <td>
                <button class="danger" onClick={() => setRemoving(x.Name)}>
                  remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {removing && (
        <Confirm
          text={`Remove volume ${removing}?`}
          action="remove"
          onNo={() => setRemoving(undefined)}
          onYes={() => {
            const n = removing;
            setRemoving(undefined);
            del(`/volumes/${encodeURIComponent(n)}`).then(() => (setError(undefined), v.reload()), fail);
          }}
        />
      )}
      {pruning && <Confirm text="Remove every volume no container uses?" action="prune" onNo={() => setPruning(false)} onYes={prune} />}
    </>
  );
}
