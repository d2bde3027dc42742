// /containers/* routes: thin handlers that parse the request, call the
// backend and write Docker's response shapes.
import type { Route, RequestContext } from '../../server/route';
import { boolParam, filtersParam, intParam } from '../../server/route';
import { versionAtLeast } from '../../server/version';
import type { ContainerBackend } from './backend';
import { checkShape, type Shape } from '../../server/shape';
import { invalidArgument } from '../../../errdefs';
import { CREATE_SHAPE, UPDATE_SHAPE } from './create-shape';
import { frameHeader } from '../../../util/stream-frame';
import { drainOrClose } from '../../../util/drain';
import { inspectForVersion } from './inspect-version';
import { parseApiTime } from '../../../container/logfile';

/** Decoded as dockerd's Go structs would be: wrong JSON types are a 400, strslices become lists. */
function typed<T>(body: T, shape: Shape): T {
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw invalidArgument(`json: cannot unmarshal ${Array.isArray(body) ? 'array' : body === null ? 'null' : typeof body} into Go value of type ${(shape as { struct: string }).struct}`);
  }
  checkShape(body, shape, (shape as { struct: string }).struct);
  return body;
}

function createBody(raw: unknown): never {
  const body = typed(raw as Record<string, unknown> | undefined, CREATE_SHAPE);
  if (body) {
    for (const k of ['Cmd', 'Entrypoint', 'Shell']) if (typeof body[k] === 'string') body[k] = [body[k]];
    const hc = body.Healthcheck as Record<string, unknown> | undefined;
    if (hc && typeof hc.Test === 'string') hc.Test = [hc.Test];
  }
  return body as never;
}

/** The attach query, the same for the hijacked and the websocket attach. */
function attachQuery(ctx: RequestContext) {
  return {
    stdin: boolParam(ctx.query, 'stdin'),
    stdout: boolParam(ctx.query, 'stdout'),
    stderr: boolParam(ctx.query, 'stderr'),
    detachKeys: ctx.query.get('detachKeys') || undefined,
    logs: boolParam(ctx.query, 'logs'),
    stream: boolParam(ctx.query, 'stream'),
  };
}

export function containerRoutes(b: ContainerBackend): Route[] {
  const id = (ctx: RequestContext) => ctx.params.id;
  const stopOpts = (ctx: RequestContext) => ({ timeout: intParam(ctx.query, 't'), signal: ctx.query.get('signal') ?? undefined });
  const removeRoute = async (ctx: RequestContext, ref: string) => {
    if (boolParam(ctx.query, 'link')) b.removeLink(ref);
    else await b.remove(b.resolveLinkName(ref) ?? ref, { force: boolParam(ctx.query, 'force'), volumes: boolParam(ctx.query, 'v') });
    ctx.send(204);
  };
  return [
    {
      method: 'POST',
      path: '/containers/create',
      handler: async (ctx) => ctx.send(201, await b.create(createBody(await ctx.json()), ctx.query.get('name') ?? undefined)),
    },
    {
      method: 'GET',
      path: '/containers/json',
      handler: async (ctx) =>
        ctx.send(
          200,
          await b.list({
            all: boolParam(ctx.query, 'all'),
            limit: intParam(ctx.query, 'limit'),
            size: boolParam(ctx.query, 'size'),
            filters: filtersParam(ctx.query),
          }),
        ),
    },
    {
      method: 'GET',
      path: '/containers/:id/stats',
      handler: async (ctx) => {
        const stream = boolParam(ctx.query, 'stream', true);
        const oneShot = boolParam(ctx.query, 'one-shot');
        if (stream && oneShot) throw invalidArgument('cannot have stream=true and one-shot=true');
        const abort = new AbortController();
        const frames = b.stats(id(ctx), { stream, oneShot, signal: abort.signal });
        ctx.res.once('close', () => abort.abort());
        ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
        if (stream) ctx.res.flushHeaders();
        for await (const f of frames) {
          if (ctx.res.destroyed) break;
          ctx.res.write(JSON.stringify(f) + '\n');
        }
        ctx.res.end();
      },
    },
    { method: 'GET', path: '/containers/:id/json', handler: async (ctx) => ctx.send(200, inspectForVersion(await b.inspect(id(ctx), boolParam(ctx.query, 'size')), ctx.apiVersion)) },
    { method: 'POST', path: '/containers/:id/start', handler: async (ctx) => (await b.start(id(ctx)), ctx.send(204)) },
    { method: 'POST', path: '/containers/:id/stop', handler: async (ctx) => (await b.stop(id(ctx), stopOpts(ctx)), ctx.send(204)) },
    { method: 'POST', path: '/containers/:id/restart', handler: async (ctx) => (await b.restart(id(ctx), stopOpts(ctx)), ctx.send(204)) },
    { method: 'POST', path: '/containers/:id/kill', handler: async (ctx) => (await b.kill(id(ctx), ctx.query.get('signal') ?? undefined), ctx.send(204)) },
    {
      method: 'POST',
      path: '/containers/:id/wait',
      handler: async (ctx) => {
        const waiting = b.wait(id(ctx), ctx.query.get('condition'));
        // Headers go out at once, so a client can start the container after
        // this request is in (the docker CLI waits before it starts).
        ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
        ctx.res.flushHeaders();
        const code = await waiting;
        ctx.res.end(JSON.stringify({ Error: null, StatusCode: code }) + '\n');
      },
    },
    { method: 'DELETE', path: '/containers/:id', handler: (ctx) => removeRoute(ctx, id(ctx)) },
    // A link name ("parent/alias") has a slash: dockerd's {name:.*} takes it.
    { method: 'DELETE', path: '/containers/*', handler: (ctx) => removeRoute(ctx, ctx.params['*'] ?? '') },
    { method: 'POST', path: '/containers/:id/rename', handler: (ctx) => (b.rename(id(ctx), ctx.query.get('name')), ctx.send(204)) },
    {
      method: 'POST',
      path: '/containers/:id/resize',
      handler: async (ctx) => {
        await b.resize(id(ctx), intParam(ctx.query, 'h') ?? 0, intParam(ctx.query, 'w') ?? 0);
        ctx.send(200);
      },
    },
    { method: 'POST', path: '/containers/:id/update', handler: async (ctx) => ctx.send(200, await b.update(id(ctx), typed(await ctx.json(), UPDATE_SHAPE))) },
    { method: 'POST', path: '/containers/:id/pause', handler: async (ctx) => (await b.pause(id(ctx)), ctx.send(204)) },
    { method: 'POST', path: '/containers/:id/unpause', handler: async (ctx) => (await b.unpause(id(ctx)), ctx.send(204)) },
    { method: 'GET', path: '/containers/:id/top', handler: async (ctx) => ctx.send(200, await b.top(id(ctx), ctx.query.get('ps_args'))) },
    { method: 'POST', path: '/containers/prune', handler: async (ctx) => ctx.send(200, await b.prune(filtersParam(ctx.query))) },
    {
      method: 'GET',
      path: '/containers/:id/logs',
      handler: async (ctx) => {
        const job = b.logs(id(ctx), {
          stdout: boolParam(ctx.query, 'stdout'),
          stderr: boolParam(ctx.query, 'stderr'),
          follow: boolParam(ctx.query, 'follow'),
          tail: ctx.query.get('tail') && ctx.query.get('tail') !== 'all' ? intParam(ctx.query, 'tail') : undefined,
          since: parseApiTime(ctx.query.get('since')),
          until: parseApiTime(ctx.query.get('until')),
          timestamps: boolParam(ctx.query, 'timestamps'),
          details: boolParam(ctx.query, 'details'),
        });
        const multiplexed = !job.tty;
        const type = multiplexed && versionAtLeast(ctx.apiVersion, '1.42')
          ? 'application/vnd.docker.multiplexed-stream'
          : 'application/vnd.docker.raw-stream';
        ctx.res.writeHead(200, { 'Content-Type': type });
        ctx.res.flushHeaders();
        let closed = false;
        const closers: (() => void)[] = [];
        ctx.res.on('close', () => {
          closed = true;
          for (const c of closers) c();
        });
        // A run of messages goes out as one write: a frame per message, few syscalls.
        let pending: Buffer[] = [];
        await job.run({
          write: (stream, data) => {
            if (closed) return;
            if (multiplexed) pending.push(frameHeader(stream === 'stderr' ? 2 : 1, data.length));
            pending.push(data);
          },
          flush: () => {
            const out = pending;
            pending = [];
            if (closed || !out.length || ctx.res.write(out.length === 1 ? out[0] : Buffer.concat(out))) return;
            // The socket's buffer is full: read on once the client has caught up (or gone).
            return drainOrClose(ctx.res);
          },
          closed: () => closed,
          onClose: (cb) => (closed ? cb() : closers.push(cb)),
        });
        ctx.res.end();
      },
    },
    {
      method: 'POST',
      path: '/containers/:id/attach',
      handler: (ctx) => {
        const connect = b.attach(id(ctx), attachQuery(ctx));
        const type = versionAtLeast(ctx.apiVersion, '1.42') ? 'application/vnd.docker.multiplexed-stream' : 'application/vnd.docker.raw-stream';
        connect(ctx.hijack(type));
      },
    },
    {
      // The same attach over a websocket: output unframed, as dockerd sends it there.
      method: 'GET',
      path: '/containers/:id/attach/ws',
      handler: async (ctx) => {
        const connect = b.attach(id(ctx), { ...attachQuery(ctx), raw: true });
        connect(await ctx.websocket());
      },
    },
  ];
}
