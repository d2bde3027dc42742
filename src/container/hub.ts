// Short-lived, in-memory rendezvous points: waiters for an exit or a removal,
// and attach requests that arrived before the container's process exists
// (the docker CLI attaches before it starts). Nothing here outlives a request.

export type PendingAttach = (attachSocket: string) => Promise<void>;

export class ExitHub {
  private readonly exitWaiters = new Map<string, ((code: number) => void)[]>();
  private readonly removeWaiters = new Map<string, ((code: number) => void)[]>();
  private readonly attaches = new Map<string, Set<PendingAttach>>();

  nextExit(id: string): Promise<number> {
    return new Promise((resolve) => push(this.exitWaiters, id, resolve));
  }

  /** Resolves with the container's last exit code once it is removed. */
  removed(id: string): Promise<number> {
    return new Promise((resolve) => push(this.removeWaiters, id, resolve));
  }

  notifyExit(id: string, code: number): void {
    const list = this.exitWaiters.get(id);
    this.exitWaiters.delete(id);
    for (const cb of list ?? []) cb(code);
  }

  notifyRemoved(id: string, code: number): void {
    const list = this.removeWaiters.get(id);
    this.removeWaiters.delete(id);
    for (const cb of list ?? []) cb(code);
  }

  addAttach(id: string, a: PendingAttach): () => void {
    let set = this.attaches.get(id);
    if (!set) this.attaches.set(id, (set = new Set()));
    set.add(a);
    return () => {
      set!.delete(a);
      if (!set!.size) this.attaches.delete(id);
    };
  }

  takeAttaches(id: string): PendingAttach[] {
    const set = this.attaches.get(id);
    this.attaches.delete(id);
    return set ? [...set] : [];
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
