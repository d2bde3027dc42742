// The delay before a restart policy restarts a container, as dockerd's
// restart manager computes it: 100 ms, doubled after every run shorter than
// 10 s, at most a minute; a run of 10 s or more starts over at 100 ms. Kept
// in memory per container (dockerd's is too): a new berthd starts at 100 ms.
const FIRST_MS = 100;
const MAX_MS = 60_000;

export class RestartBackoff {
  private readonly timeouts = new Map<string, number>();

  /** The delay before the next restart, given how long the last run lasted. */
  next(id: string, ranMs: number): number {
    let t = ranMs >= 10_000 ? 0 : this.timeouts.get(id) ?? 0;
    if (t === 0) t = FIRST_MS;
    else if (t < MAX_MS) t *= 2;
    t = Math.min(t, MAX_MS);
    this.timeouts.set(id, t);
    return t;
  }

  /** A manual start, restart or removal forgets the history. */
  reset(id: string): void {
    this.timeouts.delete(id);
  }
}
