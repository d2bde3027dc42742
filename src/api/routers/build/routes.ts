// POST /build: the classic builder's API. The body is the context (a tar,
// possibly gzipped); the answer is Docker's JSON message stream, with a
// failure after the head reported as {"errorDetail", "error"} in the stream.
import { invalidArgument } from '../../../errdefs';
import type { RequestContext, Route } from '../../server/route';
import { boolParam, filtersParam } from '../../server/route';
import type { BuildBackend, BuildQuery } from './backend';
import { decodeRegistryConfig } from '../../server/registry-auth';

function jsonMap(ctx: RequestContext, key: string): Record<string, string | null> {
  const raw = ctx.query.get(key);
  if (!raw) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw invalidArgument(`invalid ${key} parameter: ${raw}`);
  }
  if (v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidArgument(`invalid ${key} parameter: ${raw}`);
  const out: Record<string, string | null> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k] = val === null ? null : String(val);
  return out;
}

export function parseBuildQuery(ctx: RequestContext): BuildQuery {
  const version = ctx.query.get('version');
  if (version && version !== '1') throw invalidArgument(`BuildKit is not supported by this daemon: use the classic builder (DOCKER_BUILDKIT=0)`);
  if (ctx.query.get('remote')) throw invalidArgument('remote build contexts are not supported; send the context in the request body');
  const labels = jsonMap(ctx, 'labels');
  return {
    tags: ctx.query.getAll('t').filter((t) => t !== ''),
    dockerfile: ctx.query.get('dockerfile') || 'Dockerfile',
    buildArgs: jsonMap(ctx, 'buildargs'),
    target: ctx.query.get('target') || undefined,
    noCache: boolParam(ctx.query, 'nocache'),
    pull: boolParam(ctx.query, 'pull'),
    labels: Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v ?? ''])),
    quiet: boolParam(ctx.query, 'q'),
    rm: boolParam(ctx.query, 'rm', true),
    forceRm: boolParam(ctx.query, 'forcerm'),
    platform: ctx.query.get('platform') || undefined,
    authConfigs: decodeRegistryConfig(ctx.req.headers['x-registry-config']),
    runHost: {
      NetworkMode: ctx.query.get('networkmode') || undefined,
      // repeated (docker-py) or comma-separated: a host entry never holds a comma
      ExtraHosts: ctx.query.getAll('extrahosts').flatMap((v) => v.split(',')).filter(Boolean),
    },
  };
}

export function buildRoutes(b: BuildBackend): Route[] {
  return [
    {
      method: 'POST',
      path: '/build/prune',
      handler: async (ctx) => ctx.send(200, await b.prune(filtersParam(ctx.query), boolParam(ctx.query, 'all'))),
    },
    {
      method: 'POST',
      path: '/build',
      handler: async (ctx) => {
        const q = parseBuildQuery(ctx);
        b.check(q);
        // A client that goes away (Ctrl-C) cancels the build, as with dockerd.
        const abort = new AbortController();
        ctx.res.on('close', () => {
          if (!ctx.res.writableFinished) abort.abort();
        });
        q.signal = abort.signal;
        // The head goes out with the first message: an error before any
        // (a Dockerfile that does not parse, a missing base image) is a plain
        // HTTP error with Docker's status, as dockerd answers it.
        let started = false;
        const write = (m: unknown) => {
          if (!started) {
            started = true;
            ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
          }
          if (!ctx.res.writableEnded && !ctx.res.destroyed) ctx.res.write(JSON.stringify(m) + '\r\n');
        };
        try {
          await b.build(ctx.req, q, write);
        } catch (err) {
          if (!started) throw err;
          const message = (err as Error).message;
          const code = (err as { code?: unknown }).code;
          write({ errorDetail: { ...(typeof code === 'number' ? { code } : {}), message }, error: message });
        }
        ctx.res.end();
      },
    },
  ];
}
