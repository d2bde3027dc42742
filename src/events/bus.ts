// In-process event bus with Docker's event shape. Keeps a bounded history so
// that `events --since` can replay (issue: events); subscribers get new ones.
import { EventEmitter } from 'node:events';

export interface BerthEvent {
  Type: 'container' | 'image' | 'network' | 'volume' | 'daemon' | 'builder';
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local';
  time: number;
  timeNano: number;
}

export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly history: BerthEvent[] = [];

  constructor(private readonly keep = 1024) {
    this.emitter.setMaxListeners(0);
  }

  emit(type: BerthEvent['Type'], action: string, id: string, attributes: Record<string, string> = {}): void {
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const ev: BerthEvent = {
      Type: type,
      Action: action,
      Actor: { ID: id, Attributes: attributes },
      scope: 'local',
      time: Number(nowNs / 1_000_000_000n),
      timeNano: Number(nowNs),
    };
    this.history.push(ev);
    if (this.history.length > this.keep) this.history.shift();
    this.emitter.emit('event', ev);
  }

  since(timeNano: number): BerthEvent[] {
    return this.history.filter((e) => e.timeNano >= timeNano);
  }

  subscribe(cb: (ev: BerthEvent) => void): () => void {
    this.emitter.on('event', cb);
    return () => this.emitter.off('event', cb);
  }
}
