// /_ping, /version, /info.
import { invalidArgument } from '../../../errdefs';
import type { Route } from '../../server/route';
import { MAX_API_VERSION } from '../../server/version';

export interface SystemBackend {
  version(): Record<string, unknown>;
  info(): Promise<Record<string, unknown>>;
  /** GET /system/df; `types` narrows the sections (container, image, volume, build-cache). */
  df(types: string[]): Promise<Record<string, unknown>>;
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
    {
      method: 'GET',
      path: '/system/df',
      handler: async (ctx) => {
        const types = ctx.query.getAll('type');
        for (const t of types) {
          if (!['container', 'image', 'volume', 'build-cache'].includes(t)) throw invalidArgument(`unknown object type: ${t}`);
        }
        ctx.send(200, await b.df(types));
      },
    },
  ];
}

/** Keeps the first route for each method and path. */
export function firstRouteWins(routes: Route[]): Route[] {
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
