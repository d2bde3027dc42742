// A module loaded on its first use instead of at start-up. berthd idles in
// a few tens of MiB, and every module it loads stays in its heap for good
// (source text, functions, shapes): what only a pull, a build, an archive or
// a DNS query needs is loaded when the first one comes.

/** `load` runs once, on the first call; later calls return what it gave. */
export function lazy<T>(load: () => T): () => T {
  let value: T;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value;
  };
}
