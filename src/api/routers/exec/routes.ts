// /containers/{id}/exec and /exec/{id}/*: thin handlers over the exec backend.
import type { Duplex } from 'node:stream';
import type { Route } from '../../server/route';
import { intParam } from '../../server/route';
import { versionAtLeast } from '../../server/version';
import { foldKeys } from '../../server/fold-keys';

const EXEC_CONFIG_FIELDS = ['AttachStdin', 'AttachStdout', 'AttachStderr', 'Tty', 'Cmd', 'Env', 'WorkingDir', 'User', 'Privileged', 'DetachKeys', 'ConsoleSize'];
const EXEC_START_FIELDS = ['Detach', 'Tty', 'ConsoleSize'];

export interface ExecBackend {
  create(containerRef: string, body: unknown): { Id: string };
  /** Validates now; the returned function runs the process (client null when detached). */
  /** Tty is the start request's: it, not the exec's own, decides whether output is framed (as dockerd). */
  start(execId: string, opts: { ConsoleSize?: [number, number] | null; Tty?: boolean }): (client: Duplex | null) => Promise<void>;
  inspect(execId: string): unknown;
  resize(execId: string, h: number, w: number): Promise<void>;
}

export function execRoutes(b: ExecBackend): Route[] {
  return [
    { method: 'POST', path: '/containers/:id/exec', handler: async (ctx) => ctx.send(201, b.create(ctx.params.id, foldKeys(await ctx.json(), EXEC_CONFIG_FIELDS))) },
    {
      method: 'POST',
      path: '/exec/:id/start',
      handler: async (ctx) => {
        const body = foldKeys<{ Detach?: boolean; Tty?: boolean; ConsoleSize?: [number, number] | null } | null>(await ctx.json(), EXEC_START_FIELDS) ?? {};
        const run = b.start(ctx.params.id, { ConsoleSize: body.ConsoleSize, Tty: !!body.Tty });
        if (body.Detach) {
          ctx.send(200);
          void run(null);
          return;
        }
        const type = body.Tty || !versionAtLeast(ctx.apiVersion, '1.42') ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream';
        await run(ctx.hijack(type));
      },
    },
    {
      // berth's own (dockerd has none): exec start over a websocket, for the
      // dashboard's terminal, as /containers/{id}/attach/ws is for attach.
      // Output is never framed, as on attach/ws (the start's Tty decides only
      // that); h and w give the terminal's size from the start. start()
      // validates first, so an unknown exec is a 404 before any upgrade.
      method: 'GET',
      path: '/exec/:id/start/ws',
      handler: async (ctx) => {
        const h = intParam(ctx.query, 'h');
        const w = intParam(ctx.query, 'w');
        const run = b.start(ctx.params.id, { ConsoleSize: h && w ? [h, w] : null, Tty: true });
        await run(await ctx.websocket());
      },
    },
    { method: 'GET', path: '/exec/:id/json', handler: (ctx) => ctx.send(200, b.inspect(ctx.params.id)) },
    {
      method: 'POST',
      path: '/exec/:id/resize',
      handler: async (ctx) => {
        await b.resize(ctx.params.id, intParam(ctx.query, 'h') ?? 0, intParam(ctx.query, 'w') ?? 0);
        ctx.send(200);
      },
    },
  ];
}
