// /volumes routes: thin handlers over the VolumeBackend.
import { invalidArgument } from '../../../errdefs';
import type { Route } from '../../server/route';
import { boolParam, filtersParam } from '../../server/route';
import { versionAtLeast } from '../../server/version';
import type { VolumeBackend } from './backend';
import { checkShape, type Shape } from '../../server/shape';

const CREATE_VOLUME: Shape = {
  struct: 'CreateOptions',
  fields: { Name: 'string', Driver: 'string', DriverOpts: { map: 'string' }, Labels: { map: 'string' }, ClusterVolumeSpec: 'any' },
};

export function volumeRoutes(b: VolumeBackend): Route[] {
  return [
    { method: 'GET', path: '/volumes', handler: (ctx) => ctx.send(200, b.list(filtersParam(ctx.query))) },
    {
      method: 'POST',
      path: '/volumes/create',
      handler: async (ctx) => {
        const body = (await ctx.json()) ?? {};
        if (typeof body !== 'object' || Array.isArray(body)) throw invalidArgument('invalid JSON: volume create options must be an object');
        checkShape(body, CREATE_VOLUME, 'CreateOptions');
        ctx.send(201, await b.create(body));
      },
    },
    {
      method: 'POST',
      path: '/volumes/prune',
      handler: async (ctx) => ctx.send(200, await b.prune(filtersParam(ctx.query), versionAtLeast(ctx.apiVersion, '1.42'))),
    },
    { method: 'GET', path: '/volumes/:name', handler: (ctx) => ctx.send(200, b.inspect(ctx.params.name)) },
    {
      method: 'DELETE',
      path: '/volumes/:name',
      handler: async (ctx) => (await b.remove(ctx.params.name, boolParam(ctx.query, 'force')), ctx.send(204)),
    },
  ];
}
