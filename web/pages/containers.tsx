// The containers list: loaded once, then reloaded only when /events says a
// container changed; CPU and memory of every running one, with a minute of
// history as sparklines, from the stats mux (live-stats.ts); filter by name,
// image or state.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJSON } from '../api';
import { onEvent } from '../events';
import { bytes } from '../format';
import { ErrorLine, useLoad } from '../widgets';
import { Actions, type ContainerSummary } from './actions';
import { useLiveStats } from './live-stats';
import { Sparkline } from './sparkline';

export function ContainersPage() {
  const list = useLoad(() => getJSON<ContainerSummary[]>('/containers/json?all=1'));
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    // A burst of events (create, attach, start…) reloads once.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onEvent((e) => {
      if (e.Type !== 'container' || e.Action.startsWith('exec_')) return;
      clearTimeout(timer);
      timer = setTimeout(list.reload, 100);
    });
    // Changes come from events; only the uptime in Status ("Up 2 minutes")
    // ages without one, so the list (one request, not one per container) is
    // read again every half minute while the page is in view.
    const aging = setInterval(() => document.visibilityState === 'visible' && list.reload(), 30_000);
    return () => (off(), clearInterval(aging), clearTimeout(timer));
  }, []);
  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return (list.value ?? []).filter((c) => !f || [name(c), c.Image, c.State, c.Id.slice(0, 12)].some((x) => x.toLowerCase().includes(f)));
  }, [list.value, filter]);
  const stats = useLiveStats(rows.filter((c) => c.State === 'running').map((c) => c.Id));
  return (
    <>
      <div class="toolbar">
        <h1>Containers</h1>
        <input type="search" placeholder="Filter by name, image, state…" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
        <a class="button" href="#/run">
          Run…
        </a>
      </div>
      <ErrorLine error={error ?? list.error} />
      <table class="list" id="containers">
        <thead>
          <tr>
            <th>Name</th>
            <th>Image</th>
            <th>State</th>
            <th>Status</th>
            <th>Ports</th>
            <th>CPU</th>
            <th>Memory</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            // a stopped container's last sample is stale: show none
            const s = c.State === 'running' ? stats.get(c.Id) : undefined;
            return (
              <tr key={c.Id} data-name={name(c)} data-state={c.State}>
                <td>
                  <a href={`#/c/${c.Id}`}>{name(c)}</a>
                  <div class="dim mono">{c.Id.slice(0, 12)}</div>
                </td>
                <td class="mono">{c.Image}</td>
                <td>
                  <span class={`state ${c.State}`}>{c.State}</span>
                  {health(c.Status) && <span class={`health ${health(c.Status)}`}>{health(c.Status)}</span>}
                </td>
                <td class="status">{c.Status}</td>
                <td>
                  {c.Ports.filter((p) => p.PublicPort).map((p) => (
                    <div>
                      <a href={`http://127.0.0.1:${p.PublicPort}`} target="_blank" rel="noopener noreferrer">
                        {`127.0.0.1:${p.PublicPort}`}
                      </a>
                      <span class="dim">{` → ${p.PrivatePort}/${p.Type}`}</span>
                    </div>
                  ))}
                </td>
                <td class="num cpu">
                  {s ? `${s.cpu.at(-1)!.toFixed(1)}%` : '—'}
                  {s && <Sparkline series={s.cpu} top={100} label="CPU % over the last minute" />}
                </td>
                <td class="num mem">
                  {s ? bytes(s.mem.at(-1)) : '—'}
                  {s && <Sparkline series={s.mem} label="memory over the last minute" />}
                </td>
                <td>
                  <Actions id={c.Id} name={name(c)} state={c.State} onError={setError} onDone={() => setError(undefined)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {list.value && rows.length === 0 && <p class="dim">No containers{filter ? ' match the filter' : ''}.</p>}
    </>
  );
}

const name = (c: ContainerSummary) => (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
const health = (status: string) => /\((healthy|unhealthy|health: starting)\)/.exec(status)?.[1]?.replace('health: ', '');
