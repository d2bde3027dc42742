// One /events stream for the whole page, shared by every view that wants to
// know when something changed: the list refreshes on events instead of
// polling. Reconnects (with a growing pause) when the stream breaks.
import { jsonLines } from './api';

export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  time: number;
  timeNano: number;
}

type Listener = (e: EngineEvent) => void;
const listeners = new Set<Listener>();
let started = false;
/** The last events seen, newest last, for the events page. */
export const recent: EngineEvent[] = [];

/** The first connection replays what berthd kept of the last minutes (it keeps the last 1024 events). */
const REPLAY_SECONDS = 600;

function run(pause = 500): void {
  const ctl = new AbortController();
  // After a break, go on from the last event seen, so nothing is missed or shown twice.
  const since = recent.length ? recent[recent.length - 1].time + 1 : Math.floor(Date.now() / 1000) - REPLAY_SECONDS;
  jsonLines<EngineEvent>('GET', `/events?since=${since}`, (e) => {
    pause = 500;
    recent.push(e);
    if (recent.length > 500) recent.shift();
    for (const l of listeners) l(e);
  }, ctl.signal)
    .catch(() => {})
    .finally(() => setTimeout(() => run(Math.min(pause * 2, 10_000)), pause));
}

export function onEvent(l: Listener): () => void {
  listeners.add(l);
  if (!started) {
    started = true;
    run();
  }
  return () => listeners.delete(l);
}
