// The events feed: what the page's one /events stream has seen, newest first.
import { useEffect, useState } from 'preact/hooks';
import { onEvent, recent } from '../events';

export function EventsPage() {
  const [, setN] = useState(0);
  useEffect(() => onEvent(() => setN((n) => n + 1)), []);
  return (
    <>
      <h1>Events</h1>
      <p class="dim">Live from /events, starting with the last ten minutes berthd kept.</p>
      <table class="list compact" id="events">
        <tbody>
          {[...recent].reverse().map((e) => (
            <tr>
              <td class="mono nowrap">{new Date(e.timeNano / 1e6).toISOString().replace("T", " ").replace("Z", "")}</td>
              <td>{e.Type}</td>
              <td>{e.Action}</td>
              <td class="mono">{e.Actor.Attributes?.name ?? e.Actor.ID.slice(0, 12)}</td>
              <td class="dim mono">{e.Actor.Attributes?.image ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
