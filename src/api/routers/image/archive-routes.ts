// GET /images/get, GET /images/{name}/get (docker save) and POST
// /images/load (docker load, with the JSON message stream the docker CLI
// reads). The /images/{name}/get form is dispatched from the image
// wildcard route (names contain '/').
import type { IncomingMessage } from 'node:http';
import type { RequestContext, Route } from '../../server/route';
import { boolParam } from '../../server/route';
import { writeStream } from '../../server/stream';
import type { ImageArchiveBackend } from './backend';

export async function sendSave(ctx: RequestContext, b: ImageArchiveBackend, names: string[]): Promise<void> {
  const tar = b.save(names); // NotFound is thrown here, before the head
  ctx.res.writeHead(200, { 'Content-Type': 'application/x-tar' });
  await writeStream(ctx.res, tar);
}

/**
 * The body for a reader that may stop early (a failed load): stopping must
 * not destroy the request, whose socket the answer still goes out on.
 */
function keepOpen(req: IncomingMessage): AsyncIterable<Buffer> {
  return { [Symbol.asyncIterator]: () => req.iterator({ destroyOnReturn: false }) };
}

/** Reads the rest of the body away, or a client still sending it (docker-py) never gets to the answer. */
async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  for await (const _ of req) {
    /* discarded */
  }
}

export function imageArchiveRoutes(b: ImageArchiveBackend): Route[] {
  return [
    { method: 'GET', path: '/images/get', handler: (ctx) => sendSave(ctx, b, ctx.query.getAll('names')) },
    {
      method: 'POST',
      path: '/images/load',
      handler: async (ctx) => {
        const quiet = boolParam(ctx.query, 'quiet');
        // As dockerd: the head goes out before the archive is read, so every
        // failure (garbage, no manifest, a bad layer) ends the message stream
        // with an error message — what docker-py's images.load raises
        // ImageLoadError from and the docker CLI prints.
        ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
        try {
          await b.load(keepOpen(ctx.req), (m) => {
            if (quiet && m.status) return; // quiet: no progress, only the results
            ctx.res.write(JSON.stringify(m) + '\r\n');
          });
        } catch (err) {
          const message = (err as Error).message;
          ctx.res.write(JSON.stringify({ errorDetail: { message }, error: message }) + '\r\n');
        }
        await drain(ctx.req);
        ctx.res.end();
      },
    },
  ];
}
