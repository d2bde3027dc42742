// POST /auth and GET /images/search (Engine API 1.47).
import { invalidArgument } from '../../../errdefs';
import type { AuthConfig } from '../../../registry';
import type { Route } from '../../server/route';
import { filtersParam, intParam } from '../../server/route';
import { decodeRegistryAuth } from '../../server/registry-auth';
import type { RegistryBackend } from './backend';

export function registryRoutes(b: RegistryBackend): Route[] {
  return [
    {
      method: 'POST',
      path: '/auth',
      handler: async (ctx) => {
        const body = await ctx.json<AuthConfig & { email?: string }>();
        if (!body || typeof body !== 'object') throw invalidArgument('invalid JSON body: expected an AuthConfig');
        ctx.send(200, await b.login(body));
      },
    },
    {
      method: 'GET',
      path: '/images/search',
      handler: async (ctx) => {
        const term = ctx.query.get('term') ?? '';
        if (!term) throw invalidArgument('term is required');
        const limit = intParam(ctx.query, 'limit') ?? 25;
        ctx.send(200, await b.search(term, limit, filtersParam(ctx.query), decodeRegistryAuth(ctx.req.headers['x-registry-auth'])));
      },
    },
  ];
}
