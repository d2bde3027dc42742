// A promise-chain mutex: callers queue in order, a failing holder does not
// wedge the queue. For in-process serialisation of multi-step changes whose
// steps await I/O between SQLite transactions.
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
