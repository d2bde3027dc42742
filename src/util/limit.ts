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

  /**
   * Waits for a slot and returns its release (which only the first call
   * does): for a task that is done with the scarce part before it ends, as a
   * download is once its bytes are in, though its layer is still committing.
   */
  async acquire(): Promise<() => void> {
    if (this.active >= this.n) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.active--;
      this.queue.shift()?.();
    };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }
}
