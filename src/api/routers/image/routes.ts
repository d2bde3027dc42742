// /images/* routes (Engine API 1.47 shapes). Image names contain '/', so the
// name routes are wildcards whose last path element is the action.
import { invalidArgument, isKind, notFound, system } from '../../../errdefs';
import type { RequestContext, Route } from '../../server/route';
import { boolParam, filtersParam } from '../../server/route';
import type { ImageArchiveBackend, ImageBackend } from './backend';
import { imageArchiveRoutes, sendSave } from './archive-routes';
import { jsonMessageWriter } from '../../server/jsonstream';
import { decodeRegistryAuth } from '../../server/registry-auth';

/** Splits 'localhost:5000/x/y:t/json' into name and action. */
function nameAndAction(ctx: RequestContext): { name: string; action: string } {
  const rest = ctx.params['*'] ?? '';
  const i = rest.lastIndexOf('/');
  return i <= 0 ? { name: '', action: rest } : { name: rest.slice(0, i), action: rest.slice(i + 1) };
}

/**
 * A registry's 401 must not become this API's 401: the docker CLI answers a
 * 401 from pull/push by prompting for a login on stdin. dockerd reports it
 * as an ordinary failure too.
 */
function notPrompting(err: unknown): unknown {
  return isKind(err, 'Unauthorized') ? system((err as Error).message) : err;
}

/**
 * dockerd's answer when a pull is refused or the repository is unknown: a
 * 404 "pull access denied for NAME, repository does not exist or may
 * require 'docker login': …" (its translatePullError).
 */
function pullError(err: unknown, fromImage: string): unknown {
  const codes = (err as { codes?: string[] }).codes ?? [];
  const refused = isKind(err, 'Unauthorized') || isKind(err, 'Forbidden') || codes.some((c) => ['DENIED', 'UNAUTHORIZED', 'NAME_UNKNOWN'].includes(c));
  if (!refused) return err;
  const name = fromImage.replace(/@.*$/, '').replace(/:[^/:]+$/, '');
  return notFound(`pull access denied for ${name}, repository does not exist or may require 'docker login': ${(err as Error).message}`);
}

/** a < b for "1.43"-style versions. */
function older(a: string, b: string): boolean {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am !== bm ? am < bm : an < bn;
}

export function imageRoutes(b: ImageBackend, archives?: ImageArchiveBackend): Route[] {
  return [
    ...(archives ? imageArchiveRoutes(archives) : []),
    {
      method: 'GET',
      path: '/images/json',
      handler: async (ctx) => {
        const images = await b.list({ all: boolParam(ctx.query, 'all'), filters: filtersParam(ctx.query) });
        for (const img of images) {
          // Shapes of older API versions, as dockerd's router adapts them.
          if (older(ctx.apiVersion, '1.43')) {
            if (!img.RepoTags?.length && !img.RepoDigests?.length) {
              img.RepoTags = ['<none>:<none>'];
              img.RepoDigests = ['<none>@<none>'];
            }
          } else {
            img.RepoTags ??= [];
            img.RepoDigests ??= [];
          }
          if (older(ctx.apiVersion, '1.44')) img.VirtualSize = img.Size;
        }
        ctx.send(200, images);
      },
    },
    {
      method: 'POST',
      path: '/images/create',
      handler: async (ctx) => {
        const q = ctx.query;
        const fromImage = q.get('fromImage');
        const fromSrc = q.get('fromSrc');
        if (fromImage) {
          const out = jsonMessageWriter(ctx.res);
          try {
            await b.pull(fromImage, {
              tag: q.get('tag') || undefined,
              platform: q.get('platform') || undefined,
              auth: decodeRegistryAuth(ctx.req.headers['x-registry-auth']),
              progress: (m) => out.write(m),
            });
          } catch (err) {
            return out.fail(pullError(err, fromImage));
          }
          return out.end();
        }
        if (fromSrc === null || fromSrc === '') throw invalidArgument('fromImage or fromSrc is required');
        if (fromSrc !== '-') {
          throw invalidArgument('importing from a URL is not supported: send the tar as the request body with fromSrc=-');
        }
        const id = await b.import(ctx.req, {
          repo: q.get('repo') || undefined,
          tag: q.get('tag') || undefined,
          changes: q.getAll('changes'),
          message: q.get('message') || undefined,
          source: '-',
        });
        // dockerd answers with a JSON message stream; the only message of an import is the ID.
        ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
        ctx.res.end(JSON.stringify({ status: id }) + '\r\n');
      },
    },
    {
      method: 'POST',
      path: '/images/prune',
      handler: async (ctx) => ctx.send(200, await b.prune({ filters: filtersParam(ctx.query) })),
    },
    {
      method: 'GET',
      path: '/images/*',
      handler: async (ctx) => {
        const { name, action } = nameAndAction(ctx);
        if (name && action === 'json') {
          const img = await b.inspect(name);
          if (older(ctx.apiVersion, '1.44')) img.VirtualSize = img.Size;
          return ctx.send(200, img);
        }
        if (name && action === 'history') return ctx.send(200, await b.history(name));
        if (name && action === 'get' && archives) return sendSave(ctx, archives, [name]);
        throw notFound('page not found');
      },
    },
    {
      method: 'POST',
      path: '/images/*',
      handler: async (ctx) => {
        const { name, action } = nameAndAction(ctx);
        if (name && action === 'push') {
          const out = jsonMessageWriter(ctx.res);
          try {
            await b.push(name, {
              tag: ctx.query.get('tag') || undefined,
              auth: decodeRegistryAuth(ctx.req.headers['x-registry-auth']),
              progress: (m) => out.write(m),
            });
          } catch (err) {
            return out.fail(notPrompting(err));
          }
          return out.end();
        }
        if (!name || action !== 'tag') throw notFound('page not found');
        const repo = ctx.query.get('repo') ?? '';
        if (repo === '' && !ctx.query.get('tag')) throw invalidArgument('repository name must have at least one component');
        await b.tag(name, repo, ctx.query.get('tag') || undefined);
        ctx.send(201);
      },
    },
    {
      method: 'DELETE',
      path: '/images/*',
      handler: async (ctx) => {
        const name = ctx.params['*'] ?? '';
        if (!name) throw notFound('page not found');
        ctx.send(200, await b.remove(name, { force: boolParam(ctx.query, 'force'), noprune: boolParam(ctx.query, 'noprune') }));
      },
    },
  ];
}
