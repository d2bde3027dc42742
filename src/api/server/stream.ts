// Writes an async stream of chunks as a response body with backpressure. Once
// the head is out an error can no longer become a status: the connection is
// cut, so the client sees a truncated body rather than a complete-looking one.
import type { ServerResponse } from 'node:http';

export async function writeStream(res: ServerResponse, body: AsyncIterable<Buffer>): Promise<void> {
  try {
    for await (const chunk of body) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await new Promise<void>((r) => (res.once('drain', r), res.once('close', r)));
    }
    res.end();
  } catch (err) {
    res.destroy(err as Error);
  }
}
