// /_ping, /version, /info.
import type { Route } from '../../server/route';
import { MAX_API_VERSION } from '../../server/version';

export interface SystemBackend {
  version(): Record<string, unknown>;
  info(): Promise<Record<string, unknown>>;
}

export function systemRoutes(b: SystemBackend): Route[] {
  const ping: Route['handler'] = (ctx) => {
    ctx.res.setHeader('Cache-Control', 'no-cache, no-store, must-revalidate');
    ctx.res.setHeader('Pragma', 'no-cache');
    ctx.res.setHeader('Builder-Version', '1');
    ctx.res.setHeader('Swarm', 'inactive');
    ctx.res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'API-Version': MAX_API_VERSION });
    ctx.res.end(ctx.req.method === 'HEAD' ? undefined : 'OK');
  };
  return [
    { method: 'GET', path: '/_ping', handler: ping },
    { method: 'HEAD', path: '/_ping', handler: ping },
    { method: 'GET', path: '/version', handler: (ctx) => ctx.send(200, b.version()) },
    { method: 'GET', path: '/info', handler: async (ctx) => ctx.send(200, await b.info()) },
  ];
}
