// Waiting out backpressure: until the writer drains, or until the stream that
// would never drain closes. Both listeners go once either fires, so a long
// stream that fills its buffer thousands of times holds none of them.
import type { EventEmitter } from 'node:events';

export function drainOrClose(drainer: EventEmitter, closer: EventEmitter = drainer): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      drainer.off('drain', done);
      closer.off('close', done);
      resolve();
    };
    drainer.once('drain', done);
    closer.once('close', done);
  });
}
