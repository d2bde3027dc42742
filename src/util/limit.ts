// A counting semaphore: at most `n` tasks run at once (parallel layer
// downloads and uploads, as Docker's max-concurrent-downloads/uploads).
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly n: number) {}

  /** True when a task started now would have to wait. */
  get full(): boolean {
    return this.active >= this.n;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.n) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
