// The lifecycle buttons of one container, each confirmed in the page first.
// What a button does is one Engine API call; the list updates from the event
// that call causes, not from the call's answer.
import { useState } from 'preact/hooks';
import { del, post } from '../api';
import { Confirm } from '../widgets';

export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  State: string;
  Status: string;
  Created: number;
  Ports: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
}

type Verb = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';

export function verbsFor(state: string): Verb[] {
  if (state === 'running') return ['stop', 'restart', 'pause', 'kill', 'remove'];
  if (state === 'paused') return ['unpause', 'kill', 'remove'];
  if (state === 'restarting') return ['stop', 'kill', 'remove'];
  return ['start', 'remove'];
}

const run = (id: string, verb: Verb) => (verb === 'remove' ? del(`/containers/${id}?force=1`) : post(`/containers/${id}/${verb}`));

export function Actions(props: { id: string; name: string; state: string; onError: (e: string) => void; onDone?: (v: Verb) => void }) {
  const [asking, setAsking] = useState<Verb>();
  const [busy, setBusy] = useState(false);
  return (
    <span class="actions">
      {verbsFor(props.state).map((v) => (
        <button disabled={busy} data-verb={v} class={v === 'remove' || v === 'kill' ? 'danger' : ''} onClick={() => setAsking(v)}>
          {v}
        </button>
      ))}
      {asking && (
        <Confirm
          text={`${asking[0].toUpperCase()}${asking.slice(1)} container ${props.name}?${asking === 'remove' ? ' It is removed even if running.' : ''}`}
          action={asking}
          onNo={() => setAsking(undefined)}
          onYes={() => {
            const v = asking;
            setAsking(undefined);
            setBusy(true);
            run(props.id, v)
              .then(() => props.onDone?.(v))
              .catch((e) => props.onError(`${v} ${props.name}: ${e.message}`))
              .finally(() => setBusy(false));
          }}
        />
      )}
    </span>
  );
}
