// HTTP/1.1 server for the Engine API: routing, version prefixes, JSON bodies,
// error mapping, and connection hijacking for attach-style endpoints. It knows
// no areas: routers hand it Route tables.
import http, { type IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import findMyWay from 'find-my-way';
import { invalidArgument, notFound } from '../../errdefs';
import type { RequestContext, Route } from './route';
import { messageOf, statusOf } from './errors';
import { MAX_API_VERSION, splitVersion } from './version';
import { acceptWebSocket, isWebSocketRequest } from './websocket';

/** Bodies above this are refused: nothing the API takes as JSON is anywhere near it. */
const MAX_JSON_BODY = 16 * 1024 * 1024;

export interface ServerOptions {
  routes: Route[];
  /** Value of the Server header and the version reported to clients. */
  serverName: string;
  log: (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void;
  /** Called once per answered request with the matched route pattern ('' when none matched), e.g. for metrics. */
  onRequest?: (method: string, route: string, status: number) => void;
}

type Handler = Route['handler'];

/** Bodies of upgrade requests, read off the socket before dispatch. */
const upgradeBodies = new WeakMap<IncomingMessage, Buffer>();

export function createApiServer(opts: ServerOptions): http.Server {
  const router = findMyWay({ ignoreTrailingSlash: true, maxParamLength: 1024 });
  for (const r of opts.routes) {
    router.on(r.method, r.path, (() => {}) as never, { handler: r.handler, path: r.path });
  }

  const server = http.createServer({ keepAlive: true });
  server.keepAliveTimeout = 60_000;

  const dispatch = async (req: IncomingMessage, res: ServerResponse, upgradeSocket?: Duplex) => {
    const started = Date.now();
    res.setHeader('Api-Version', MAX_API_VERSION);
    res.setHeader('Docker-Experimental', 'false');
    res.setHeader('Ostype', 'linux');
    res.setHeader('Server', opts.serverName);
    let ctx: RequestContext | undefined;
    let route = '';
    try {
      const url = new URL(req.url ?? '/', 'http://berth');
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        throw invalidArgument(`invalid escape in the request path: ${url.pathname.slice(0, 200)}`);
      }
      const { version, path } = splitVersion(pathname);
      // HEAD falls back to GET handlers (ping), as Go's mux does for Docker.
      const method = req.method === 'HEAD' && !router.find('HEAD', path) ? 'GET' : req.method;
      const found = router.find(method as never, path);
      if (!found) throw notFound(`page not found`);
      route = (found.store as { path: string }).path;
      ctx = makeContext(req, res, found.params as Record<string, string>, url.searchParams, version, upgradeSocket);
      await (found.store as { handler: Handler }).handler(ctx);
    } catch (err) {
      const status = statusOf(err);
      const message = messageOf(err);
      if (status >= 500) opts.log('error', `${req.method} ${req.url}: ${message}`);
      if (!res.headersSent && !res.writableEnded && !(ctx as { hijacked?: boolean } | undefined)?.hijacked) {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message }) + '\n');
      } else if (!res.writableEnded) {
        res.end();
      }
    } finally {
      opts.log('debug', `${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`);
      if (opts.onRequest) {
        // streams and hijacked connections count when their handler returns
        const status = (ctx as { hijacked?: boolean } | undefined)?.hijacked ? 101 : res.statusCode;
        opts.onRequest(req.method ?? '', route, status);
      }
    }
  };

  server.on('request', (req, res) => void dispatch(req, res));
  // Clients ask for 'Connection: Upgrade, Upgrade: tcp' on attach/exec; node
  // routes those here with the bare socket, so give the handler a normal
  // response object bound to it until it hijacks.
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    void (async () => {
      // node does not parse the body of an upgrade request: take exactly
      // Content-Length bytes off the socket, leave the rest to the stream.
      const length = Number(req.headers['content-length'] ?? 0);
      let buf = head;
      while (buf.length < length && !socket.destroyed) {
        const more = await new Promise<Buffer | null>((resolve) => {
          socket.once('data', resolve);
          socket.once('close', () => resolve(null));
        });
        if (!more) break;
        buf = Buffer.concat([buf, more]);
      }
      socket.pause();
      if (buf.length > length) socket.unshift(buf.subarray(length));
      upgradeBodies.set(req, buf.subarray(0, length));
      const res = new ServerResponse(req);
      res.assignSocket(socket);
      res.shouldKeepAlive = false;
      void dispatch(req, res, socket);
    })();
  });
  return server;
}

function makeContext(
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
  query: URLSearchParams,
  apiVersion: string,
  upgradeSocket: Duplex | undefined,
): RequestContext & { hijacked: boolean } {
  const ctx = {
    req,
    res,
    params,
    query,
    apiVersion,
    hijacked: false,
    async json<T>(): Promise<T | undefined> {
      const chunks: Buffer[] = [];
      let size = 0;
      const upgraded = upgradeBodies.get(req);
      for await (const chunk of upgraded ? [upgraded] : req) {
        size += (chunk as Buffer).length;
        if (size > MAX_JSON_BODY) throw invalidArgument(`request body is too large (over ${MAX_JSON_BODY} bytes)`);
        chunks.push(chunk as Buffer);
      }
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (!text) return undefined;
      try {
        return JSON.parse(text) as T;
      } catch (err) {
        throw invalidArgument(`invalid JSON: ${messageOf(err)}`);
      }
    },
    send(status: number, value?: unknown) {
      if (value === undefined) {
        res.writeHead(status);
        res.end();
        return;
      }
      const body = JSON.stringify(value) + '\n';
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    },
    async websocket(): Promise<Duplex> {
      if (!upgradeSocket || !isWebSocketRequest(req)) throw invalidArgument('websocket: the client is not using the websocket protocol');
      ctx.hijacked = true;
      res.detachSocket(upgradeSocket as Socket);
      (upgradeSocket as Socket).setTimeout(0);
      return acceptWebSocket(req, upgradeSocket);
    },
    hijack(contentType = 'application/vnd.docker.raw-stream'): Duplex {
      ctx.hijacked = true;
      const socket = (upgradeSocket ?? req.socket) as Socket;
      if (upgradeSocket) res.detachSocket(socket);
      const upgrade = !!upgradeSocket;
      const head = upgrade
        ? `HTTP/1.1 101 UPGRADED\r\nContent-Type: ${contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`
        : `HTTP/1.1 200 OK\r\nContent-Type: ${contentType}\r\n\r\n`;
      socket.setTimeout(0);
      socket.setNoDelay(true);
      // A client that hangs up mid-stream makes the socket emit ECONNRESET or
      // EPIPE: the handler sees the close; the error itself must never go uncaught.
      socket.on('error', () => {});
      socket.write(head);
      return socket;
    },
  };
  return ctx;
}
