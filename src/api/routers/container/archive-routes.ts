// /containers/{id}/archive (HEAD stat, GET tar, PUT extract), /changes,
// /export and POST /commit: the file-system side of the container router.
import { invalidArgument } from '../../../errdefs';
import type { Route } from '../../server/route';
import { boolParam } from '../../server/route';
import { writeStream } from '../../server/stream';
import type { ContainerFilesBackend, PathStat } from './backend';

const STAT_HEADER = 'X-Docker-Container-Path-Stat';
const encodeStat = (s: PathStat): string => Buffer.from(JSON.stringify(s)).toString('base64');

export function containerFileRoutes(b: ContainerFilesBackend): Route[] {
  const path = (q: URLSearchParams): string => q.get('path') ?? '';
  return [
    {
      method: 'HEAD',
      path: '/containers/:id/archive',
      handler: async (ctx) => {
        const stat = await b.statPath(ctx.params.id, path(ctx.query));
        ctx.res.writeHead(200, { [STAT_HEADER]: encodeStat(stat), 'Content-Type': 'application/json' });
        ctx.res.end();
      },
    },
    {
      method: 'GET',
      path: '/containers/:id/archive',
      handler: (ctx) =>
        b.getArchive(ctx.params.id, path(ctx.query), async (stat, tar) => {
          ctx.res.writeHead(200, { [STAT_HEADER]: encodeStat(stat), 'Content-Type': 'application/x-tar' });
          await writeStream(ctx.res, tar);
        }),
    },
    {
      method: 'PUT',
      path: '/containers/:id/archive',
      handler: async (ctx) => {
        await b.putArchive(ctx.params.id, path(ctx.query), ctx.req, {
          noOverwriteDirNonDir: boolParam(ctx.query, 'noOverwriteDirNonDir'),
          copyUIDGID: boolParam(ctx.query, 'copyUIDGID'),
        });
        ctx.send(200);
      },
    },
    { method: 'GET', path: '/containers/:id/changes', handler: async (ctx) => ctx.send(200, await b.changes(ctx.params.id)) },
    {
      method: 'GET',
      path: '/containers/:id/export',
      handler: (ctx) =>
        b.export(ctx.params.id, async (tar) => {
          ctx.res.writeHead(200, { 'Content-Type': 'application/x-tar' });
          await writeStream(ctx.res, tar);
        }),
    },
    {
      method: 'POST',
      path: '/commit',
      handler: async (ctx) => {
        const q = ctx.query;
        const container = q.get('container');
        if (!container) throw invalidArgument('No container name or ID supplied');
        const body = await ctx.json<Record<string, unknown>>();
        const id = await b.commit(container, {
          repo: q.get('repo') || undefined,
          tag: q.get('tag') || undefined,
          author: q.get('author') || undefined,
          comment: q.get('comment') || undefined,
          changes: q.getAll('changes'),
          pause: boolParam(q, 'pause', true),
          config: body && typeof body === 'object' ? body : undefined,
        });
        ctx.send(201, { Id: id });
      },
    },
  ];
}
