// Serialises state changes of one container (start, exit handling, removal)
// without a global lock: readers (ps, inspect) never wait on it.
const tails = new Map<string, Promise<unknown>>();

export async function withContainerLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
  const prev = tails.get(id) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const tail = prev.then(() => mine);
  tails.set(id, tail);
  await prev.catch(() => {});
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(id) === tail) tails.delete(id);
  }
}
