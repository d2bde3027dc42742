// Many containers' stats over one websocket. A browser keeps at most 6
// HTTP/1.1 connections to one host and each /containers/{id}/stats stream
// would hold one, so the page instead says which ids it wants ({"watch":
// [ids]}) and we read each one's Engine API stats stream in-process, sending
// every sample as {"id", "stats"} (and {"id", "end"} when a stream ends, e.g.
// the container stopped). Streams stop when their id leaves the set or the
// socket closes: nothing is read that no page is showing.

/** Opens one container's stats stream; returns what stops it. */
export type OpenStats = (id: string, onLine: (line: string) => void, onEnd: (why?: string) => void) => () => void;

/** More than any page shows at once; a cap so one socket cannot open unbounded streams. */
export const MAX_WATCHED = 500;
/** Container ids and names as the API accepts them: nothing that could change the path. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export class StatsMux {
  private streams = new Map<string, () => void>();
  private closed = false;

  /** `send` gets each message; `busy` says the socket is backed up, and a sample is then skipped (the next one comes in a second). */
  constructor(private open: OpenStats, private send: (msg: string) => void, private busy: () => boolean = () => false) {}

  /** A message from the page; anything but {"watch": [ids]} is an error (thrown). */
  message(text: string): void {
    let m: unknown;
    try {
      m = JSON.parse(text);
    } catch {
      throw new Error('not JSON');
    }
    const ids = (m as { watch?: unknown })?.watch;
    if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string' && ID.test(x))) throw new Error('expected {"watch": [container ids]}');
    if (ids.length > MAX_WATCHED) throw new Error(`at most ${MAX_WATCHED} containers`);
    this.watch(ids as string[]);
  }

  watch(ids: string[]): void {
    if (this.closed) return;
    const want = new Set(ids);
    for (const [id, stop] of this.streams) if (!want.has(id)) (this.streams.delete(id), stop());
    for (const id of want) if (!this.streams.has(id)) this.start(id);
  }

  /** The ids being streamed now. */
  get watching(): string[] {
    return [...this.streams.keys()];
  }

  close(): void {
    this.closed = true;
    for (const stop of this.streams.values()) stop();
    this.streams.clear();
  }

  private start(id: string): void {
    let stop = () => {};
    // this stream's own entry: a later stream for the same id has another one
    const entry = () => stop();
    const current = () => this.streams.get(id) === entry;
    this.streams.set(id, entry);
    stop = this.open(
      id,
      // the line is the API's own JSON: embedded as it is, not parsed again
      (line) => current() && !this.busy() && this.send(`{"id":${JSON.stringify(id)},"stats":${line}}`),
      (why) => {
        if (!current()) return;
        this.streams.delete(id);
        this.send(JSON.stringify({ id, end: true, ...(why ? { error: why } : {}) }));
      },
    );
  }
}
