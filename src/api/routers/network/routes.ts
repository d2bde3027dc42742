// /networks/* routes (Engine API 1.47): thin handlers over NetworkBackend.
import type { Route } from '../../server/route';
import { filtersParam } from '../../server/route';
import type { NetworkConnectRequest, NetworkCreateRequest, NetworkDisconnectRequest } from '../../types/network';
import type { NetworkBackend } from './backend';

export function networkRoutes(b: NetworkBackend): Route[] {
  return [
    { method: 'GET', path: '/networks', handler: (ctx) => ctx.send(200, b.list(filtersParam(ctx.query))) },
    { method: 'GET', path: '/networks/:id', handler: (ctx) => ctx.send(200, b.inspect(ctx.params.id)) },
    { method: 'POST', path: '/networks/create', handler: async (ctx) => ctx.send(201, await b.create(await ctx.json<NetworkCreateRequest>())) },
    { method: 'POST', path: '/networks/prune', handler: async (ctx) => ctx.send(200, await b.prune(filtersParam(ctx.query))) },
    {
      method: 'POST',
      path: '/networks/:id/connect',
      handler: async (ctx) => (await b.connect(ctx.params.id, await ctx.json<NetworkConnectRequest>()), ctx.send(200)),
    },
    {
      method: 'POST',
      path: '/networks/:id/disconnect',
      handler: async (ctx) => (await b.disconnect(ctx.params.id, await ctx.json<NetworkDisconnectRequest>()), ctx.send(200)),
    },
    { method: 'DELETE', path: '/networks/:id', handler: async (ctx) => (await b.remove(ctx.params.id), ctx.send(204)) },
  ];
}
