// Networks: the list with the containers attached to each, create (a name,
// a driver, optionally a subnet), remove and prune (confirmed in the page);
// reloaded on network events.
import { useEffect, useState } from 'preact/hooks';
import { getJSON, post } from '../api';
import { onEvent } from '../events';
import { Head, useLoad } from '../widgets';
import { useRemovePrune } from './remove-prune';
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
const EMPTY = { name: '', driver: 'bridge', subnet: '' };

export function NetworksPage() {
  const n = useLoad(() => getJSON<Network[]>('/networks'));
  const usage = useUsage();
  const [form, setForm] = useState(EMPTY);
  const rp = useRemovePrune({
    kind: 'network',
    path: (name) => `/networks/${encodeURIComponent(name)}`,
    pruneText: 'Remove every custom network no container uses?',
    reload: n.reload,
    prune: async () => `pruned ${(((await post('/networks/prune')) as { NetworksDeleted?: string[] | null }).NetworksDeleted ?? []).length} networks`,
  });
  useEffect(() => onEvent((e) => e.Type === 'network' && n.reload()), []);
  const field = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  const create = (e: Event) => {
    e.preventDefault();
    const body = { Name: form.name.trim(), Driver: form.driver, ...(form.subnet.trim() ? { IPAM: { Config: [{ Subnet: form.subnet.trim() }] } } : {}) };
    post('/networks/create', body).then(() => (setForm(EMPTY), rp.done()), rp.fail);
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
        {rp.pruneButton}
      </div>
      {rp.errorLine(n.error)}
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
              <td>{!BUILTIN.has(x.Name) && rp.removeButton(x.Name)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rp.dialogs}
    </>
  );
}
