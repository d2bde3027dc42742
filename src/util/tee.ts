// One byte stream fed to several consumers at the pace of the slowest
// (backpressure, no buffering of whole blobs): a download goes to the
// content store and to the layer unpacker at once. A consumer that goes
// away (its stream destroyed) is dropped and the others go on; an error of
// the source reaches every consumer.
import { PassThrough } from 'node:stream';
import { drainOrClose } from './drain';

/**
 * `highWaterMark` counts chunks: the outputs are in object mode so that a
 * consumer gets the source's chunks as they are. A byte-mode stream's read()
 * joins whatever is buffered into one new Buffer, and that copy of every
 * byte (once per consumer) was a tenth of a pull's time on the event loop.
 */
export function tee(src: AsyncIterable<Buffer>, n = 2, highWaterMark = 16): { outs: PassThrough[]; done: Promise<void> } {
  const outs = Array.from({ length: n }, () => new PassThrough({ objectMode: true, highWaterMark }));
  const done = (async () => {
    try {
      for await (const c of src) {
        const waits: Promise<void>[] = [];
        for (const o of outs) {
          if (o.destroyed) continue;
          if (!o.write(c)) waits.push(drainOrClose(o));
        }
        if (waits.length) await Promise.all(waits);
        if (outs.every((o) => o.destroyed)) return;
      }
      for (const o of outs) if (!o.destroyed) o.end();
    } catch (err) {
      for (const o of outs) o.destroy(err as Error);
    }
  })();
  return { outs, done };
}
