// GET /distribution/{name}/json (Engine API 1.30+): a reference's manifest
// descriptor and platforms, asked of its registry with X-Registry-Auth's
// credentials. Names contain '/', so the route is a wildcard ending in /json.
import { notFound } from '../../../errdefs';
import type { Route } from '../../server/route';
import { decodeRegistryAuth } from '../../server/registry-auth';
import type { DistributionBackend } from './backend';

export function distributionRoutes(b: DistributionBackend): Route[] {
  return [
    {
      method: 'GET',
      path: '/distribution/*',
      handler: async (ctx) => {
        const rest = ctx.params['*'] ?? '';
        if (!rest.endsWith('/json') || rest === '/json') throw notFound('page not found');
        ctx.send(200, await b.inspect(rest.slice(0, -'/json'.length), decodeRegistryAuth(ctx.req.headers['x-registry-auth'])));
      },
    },
  ];
}
