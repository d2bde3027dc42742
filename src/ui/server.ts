// The dashboard's listener. It serves the bundled page and, under /api/, hands
// requests to the Engine API's own server in the same process (no second
// backend: the page sees exactly what docker clients see). Every request
// passes the guard first; /api/ needs a session cookie and its CSRF token.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { readFileSync } from 'node:fs';
import { cookieValue, Sessions, secureEqual, type Session } from './session';
import { foreignReason, isLoopback, listenerHosts, setSecurityHeaders, type OriginPolicy } from './guard';
import { DEFAULT_WEB_DIR, loadStaticFiles, pageFor } from './static';
import type { Connect } from './in-process';
import { STATS_MUX_PATH, statsMuxServer } from './stats-socket';

/** The Engine API's server, as the UI reaches it: the same request and upgrade handlers its listeners use. */
export interface ApiHandler {
  request(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Takes one end of an in-memory connection as if a client had connected (`server.emit('connection', end)`). */
  connect: Connect;
}

export interface UiOptions {
  host: string;
  port: number;
  api: ApiHandler;
  /** Mutual TLS (client certificates signed by ca): required off loopback. */
  tls?: { ca: string; cert: string; key: string };
  webDir?: string;
  log: (level: 'debug' | 'info' | 'warn', msg: string) => void;
}

export interface RunningUi {
  /** The URL that logs a browser in (holds the secret). */
  loginUrl: string;
  url: string;
  close(): void;
}

const API_PREFIX = '/api/';
const WS_TOKEN_PARAM = 'berth-token';

export async function serveUi(opts: UiOptions): Promise<RunningUi> {
  if (!isLoopback(opts.host) && !opts.tls) throw new Error(`the dashboard listens off loopback (${opts.host}) only with TLS client certificates (--tlsverify)`);
  const files = loadStaticFiles(opts.webDir ?? DEFAULT_WEB_DIR);
  const sessions = new Sessions();
  const scheme = opts.tls ? 'https' : 'http';
  const server = opts.tls
    ? https.createServer({ ca: readFileSync(opts.tls.ca), cert: readFileSync(opts.tls.cert), key: readFileSync(opts.tls.key), requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' })
    : http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => (server.off('error', reject), resolve()));
  });
  const port = (server.address() as { port: number }).port;
  const policy: OriginPolicy = { hosts: listenerHosts(opts.host, port), scheme };
  // Cookies are per host, not per port: two daemons' dashboards on one host must not share one.
  const cookieName = `berth_ui_${port}`;
  const sessionOf = (req: IncomingMessage): Session | undefined => sessions.find(cookieValue(req.headers.cookie, cookieName));
  const statsMux = statsMuxServer(opts.api.connect);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://ui');
    const isApi = url.pathname.startsWith(API_PREFIX);
    const why = foreignReason(req, policy, !isApi);
    if (why) return refuse(res, why, isApi);
    if (isApi) {
      const s = sessionOf(req);
      const token = String(req.headers['x-berth-token'] ?? '');
      if (!s || !secureEqual(token, s.csrf)) return refuse(res, 'no session or no X-Berth-Token: log in through the dashboard', true);
      req.url = apiPath(url);
      return opts.api.request(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'method not allowed', false);
    if (url.pathname === '/login') {
      const s = sessions.login(url.searchParams.get('secret') ?? '');
      if (!s) return refuse(res, 'wrong login secret', false);
      const secure = opts.tls ? '; Secure' : '';
      res.writeHead(303, { Location: '/', 'Set-Cookie': `${cookieName}=${s.id}; HttpOnly; SameSite=Strict; Path=/${secure}` });
      return void res.end();
    }
    const s = sessionOf(req);
    if (!s) return refuse(res, 'not logged in: open the login URL berthd wrote to <exec-root>/ui-login', false);
    // One page (it routes on location.hash) and the bundle's files.
    const isIndex = url.pathname === '/' || url.pathname === '/index.html';
    const file = isIndex ? undefined : files.get(url.pathname);
    if (!isIndex && !file) return refuse(res, 'not found', false, 404);
    const body = file ? file.body : pageFor(files.get('/index.html')!, s.csrf);
    res.writeHead(200, { 'Content-Type': file ? file.type : 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });

  // Websockets (exec and attach terminals, the stats mux): a browser cannot set headers on
  // them, but always sends Origin, so the token rides in the query string.
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://ui');
    const s = sessionOf(req);
    const why = foreignReason(req, policy, false) || (req.headers.origin === undefined ? 'websocket without Origin' : '');
    if (why || !url.pathname.startsWith(API_PREFIX) || !s || !secureEqual(url.searchParams.get(WS_TOKEN_PARAM) ?? '', s.csrf)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"message":"forbidden"}\n');
      return;
    }
    // the list's stats of many containers at once: ours, not an Engine API path
    if (url.pathname === STATS_MUX_PATH) return statsMux.upgrade(req, socket, head);
    url.searchParams.delete(WS_TOKEN_PARAM);
    req.url = apiPath(url);
    opts.api.upgrade(req, socket, head);
  });

  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const base = `${scheme}://${hostPart}:${port}`;
  opts.log('info', `dashboard on ${base}/`);
  return {
    url: `${base}/`,
    loginUrl: `${base}/login?secret=${sessions.loginSecret}`,
    close: () => {
      server.close();
      server.closeAllConnections();
      statsMux.close();
    },
  };
}

/** The Engine API path of a dashboard URL: /api/v1.43/x?y → /v1.43/x?y (the path as checked, dot segments resolved). */
const apiPath = (url: URL): string => url.pathname.slice(API_PREFIX.length - 1) + url.search;

function refuse(res: ServerResponse, message: string, json: boolean, status = 403): void {
  const body = json ? JSON.stringify({ message }) + '\n' : `${message}\n`;
  res.writeHead(status, { 'Content-Type': json ? 'application/json' : 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
