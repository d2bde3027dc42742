// Networks: the list with the containers attached to each, create (a name,
// a driver, optionally a subnet), remove and prune (confirmed in the page);
// reloaded on network events.
import { useEffect, useState } from 'preact/hooks';
import { del, getJSON, post } from '../api';
import { onEvent } from '../events';
import { Confirm, ErrorLine, Head, useLoad } from '../widgets';
import { UsedBy, useUsage } from './usage';

interface Network {
  Id: string;
  Name: string;
  Driver: string;
  Scope: string;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] };
}

/** The networks every engine has, which cannot be removed. */
const BUILTIN = new Set(['bridge', 'host', 'none']);

export function NetworksPage() {
  const n = useLoad(() => getJSON<Network[]>('/networks'));
  const usage = useUsage();
  const [form, setForm] = useState({ name: '', driver: 'bridge', subnet: '' });
  const [removing, setRemoving] = useState<string>();
  const [pruning, setPruning] = useState(false);
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  useEffect(() => onEvent((e) => e.Type === 'network' && n.reload()), []);
  const fail = (e: Error) => setError(e.message);
  const field = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  const create = (e: Event) => {
    e.preventDefault();
    const body = { Name: form.name.trim(), Driver: form.driver, ...(form.subnet.trim() ? { IPAM: { Config: [{ Subnet: form.subnet.trim() }] } } : {}) };
    post('/networks/create', body).then(() => (setError(undefined), setForm({ name: '', driver: 'bridge', subnet: '' }), n.reload()), fail);
  };
  const prune = () => {
    setPruning(false);
    post('/networks/prune').then((r) => {
      setNote(`pruned ${((r as { NetworksDeleted?: string[] | null }).NetworksDeleted ?? []).length} networks`);
      n.reload();
    }, fail);
  };
  return (
    <>
      <div class="toolbar">
        <h1>Networks</h1>
        <form class="create" onSubmit={create}>
          <input name="name" placeholder="new network's name" value={form.name} onInput={field('name')} />
          <select name="driver" value={form.driver} onChange={field('driver')}>
            <option>bridge</option>
            <option>macvlan</option>
            <option>ipvlan</option>
          </select>
          <input name="subnet" placeholder="subnet (optional), e.g. 10.99.0.0/24" value={form.subnet} onInput={field('subnet')} />
          <button>Create</button>
        </form>
        <button class="danger" id="prune-networks" onClick={() => setPruning(true)}>
          prune unused
        </button>
        {note && <span class="dim" id="prune-note">{note}</span>}
      </div>
      <ErrorLine error={error ?? n.error} />
      <table class="list" id="networks">
        <Head cols={['Name', 'ID', 'Driver', 'Scope', 'Subnets', 'Used by', '']} />
        <tbody>
          {(n.value ?? []).map((x) => (
            <tr data-network={x.Name}>
              <td>{x.Name}</td>
              <td class="mono">{x.Id.slice(0, 12)}</td>
              <td>{x.Driver}</td>
              <td>{x.Scope}</td>
              <td class="mono">{(x.IPAM?.Config ?? []).map((c) => c.Subnet).filter(Boolean).join(', ')}</td>
              <td class="used">
                <UsedBy names={usage.networks.get(x.Name)} />
              </td>
              <td>
                {!BUILTIN.has(x.Name) && (
                  <button class="danger" onClick={() => setRemoving(x.Name)}>
                    remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {removing && (
        <Confirm
          text={`Remove network ${removing}?`}
          action="remove"
          onNo={() => setRemoving(undefined)}
          onYes={() => {
            const name = removing;
            setRemoving(undefined);
            del(`/networks/${encodeURIComponent(name)}`).then(() => (setError(undefined), n.reload()), fail);
          }}
        />
      )}
      {pruning && <Confirm text="Remove every custom network no container uses?" action="prune" onNo={() => setPruning(false)} onYes={prune} />}
    </>
  );
}
