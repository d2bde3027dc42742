// In-process event bus with Docker's event shape. Keeps a bounded history so
// that `events --since` can replay; subscribers get new ones as they happen.
import { EventEmitter } from 'node:events';

export type EventType = 'container' | 'image' | 'network' | 'volume' | 'daemon' | 'builder' | 'plugin';

export interface BerthEvent {
  Type: EventType;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local';
  time: number;
  /** Unix nanoseconds; a bigint because int64 nanoseconds do not fit a double. */
  timeNano: bigint;
}

export interface EventSource {
  /** Events kept in the history with since <= timeNano <= until, oldest first. */
  history(since?: bigint, until?: bigint): BerthEvent[];
  /** `client`: an API client following /events (counted for info's NEventsListener). */
  subscribe(cb: (ev: BerthEvent) => void, opts?: { client?: boolean }): () => void;
}

export class EventBus implements EventSource {
  private readonly emitter = new EventEmitter();
  private readonly kept: BerthEvent[] = [];
  private last = 0n;
  private clients = 0;

  /** `keep` is Docker's default history size (daemon/events: eventsLimit 256); larger costs little. */
  constructor(
    private readonly keep = 1024,
    private readonly clock: () => bigint = () => BigInt(Date.now()) * 1_000_000n + process.hrtime.bigint() % 1_000_000n,
  ) {
    this.emitter.setMaxListeners(0);
  }

  emit(type: EventType, action: string, id: string, attributes: Record<string, string> = {}): BerthEvent {
    let nano = this.clock();
    // Strictly increasing, so --since/--until replays keep the order events happened in.
    if (nano <= this.last) nano = this.last + 1n;
    this.last = nano;
    const ev: BerthEvent = {
      Type: type,
      Action: action,
      Actor: { ID: id, Attributes: { ...attributes } },
      scope: 'local',
      time: Number(nano / 1_000_000_000n),
      timeNano: nano,
    };
    this.kept.push(ev);
    if (this.kept.length > this.keep) this.kept.shift();
    this.emitter.emit('event', ev);
    return ev;
  }

  history(since?: bigint, until?: bigint): BerthEvent[] {
    return this.kept.filter((e) => (since === undefined || e.timeNano >= since) && (until === undefined || e.timeNano <= until));
  }

  subscribe(cb: (ev: BerthEvent) => void, opts: { client?: boolean } = {}): () => void {
    this.emitter.on('event', cb);
    if (opts.client) this.clients++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.emitter.off('event', cb);
      if (opts.client) this.clients--;
    };
  }

  /** API clients following events now. */
  clientCount(): number {
    return this.clients;
  }
}

/**
 * The wire form (Engine API events.Message): legacy status/id/from first for
 * containers and images, like dockerd's events.Log, and timeNano as an exact int64.
 */
export function eventJSON(ev: BerthEvent): string {
  const legacy: Record<string, string> = {};
  if (ev.Type === 'container' || ev.Type === 'image') {
    legacy.status = ev.Action;
    if (ev.Actor.ID) legacy.id = ev.Actor.ID;
    if (ev.Type === 'container' && ev.Actor.Attributes.image) legacy.from = ev.Actor.Attributes.image;
  }
  const body = JSON.stringify({ ...legacy, Type: ev.Type, Action: ev.Action, Actor: ev.Actor, scope: ev.scope, time: ev.time, timeNano: 0 });
  return body.replace(/"timeNano":0}$/, `"timeNano":${ev.timeNano}}`);
}
