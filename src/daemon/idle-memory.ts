// Gives start-up's garbage back once berthd is serving (src/daemon/native/heap.cc):
// without it a fresh berthd holds ≈7 MiB more until V8's memory reducer
// comes round, about 8 s later.
import { join } from 'node:path';

/** Releases what start-up left behind; a no-op when the module is not built or not loadable by this node. */
export function releaseIdleMemory(): boolean {
  if (process.env.BERTH_NO_NATIVE) return false;
  try {
    // dist/src/daemon/idle-memory.js → dist/native/berth_heap.node
    (require(join(__dirname, '..', '..', 'native', 'berth_heap.node')) as { idle(): void }).idle();
    return true;
  } catch {
    return false;
  }
}
