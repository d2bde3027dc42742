// Writes an async stream of chunks as a response body with backpressure. Once
// the head is out an error can no longer become a status: the connection is
// cut, so the client sees a truncated body rather than a complete-looking one.
import type { ServerResponse } from 'node:http';
import { drainOrClose } from '../../util/drain';

export async function writeStream(res: ServerResponse, body: AsyncIterable<Buffer>): Promise<void> {
  try {
    for await (const chunk of body) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await drainOrClose(res);
    }
    res.end();
  } catch (err) {
    res.destroy(err as Error);
  }
}

