// Acting on several containers or images at once, like docker's
// parallelOperation: run concurrently (bounded), report in argument order.

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function eachParallel<T>(items: string[], op: (item: string) => Promise<T>, limit = 50): Promise<Outcome<T>[]> {
  const results: Outcome<T>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await op(items[i]) };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function eachSequential<T>(items: string[], op: (item: string) => Promise<T>): Promise<Outcome<T>[]> {
  const results: Outcome<T>[] = [];
  for (const item of items) {
    try {
      results.push({ ok: true, value: await op(item) });
    } catch (error) {
      results.push({ ok: false, error });
    }
  }
  return results;
}
