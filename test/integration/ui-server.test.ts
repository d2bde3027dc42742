// The dashboard's listener (src/ui) on its own, in front of a fake Engine API:
// what it hands on (paths without /api, the websocket token taken out), what
// it refuses (no session, no CSRF token, foreign Origin or Host, cross-site,
// off loopback without TLS), mutual TLS when it is given certificates, and the
// stats mux over in-memory connections to the API server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { serveUi, type ApiHandler, type RunningUi } from '../../src/ui';
import { makeCA, makeClientCert } from './registry-server';

const web = mkdtempSync(join(tmpdir(), 'berth-u19-web-'));
writeFileSync(join(web, 'index.html'), '<meta name="berth-token" content="%BERTH_TOKEN%">');
writeFileSync(join(web, 'app.js'), 'console.log(1)');

/** Answers with what it was handed, so the test sees the path the API got. */
const fakeApi: ApiHandler = {
  request: (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ method: req.method, url: req.url }));
  },
  upgrade: (req, socket) => socket.end(`HTTP/1.1 418 Handed\r\nX-Url: ${req.url}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`),
  connect: (end) => fakeStats.emit('connection', end),
};

/** The stats mux's in-process connections land here: a stats stream per container, a line every 20 ms, counted while open. */
const openStats = new Set<string>();
const fakeStats = http.createServer((req, res) => {
  const id = /^\/containers\/([^/]+)\/stats\?stream=1$/.exec(req.url ?? '')?.[1];
  if (!id) return void res.writeHead(404).end('{"message":"no"}');
  res.writeHead(200, { 'Content-Type': 'application/json' });
  openStats.add(id);
  let n = 0;
  const t = setInterval(() => res.write(JSON.stringify({ n: n++ }) + '\n'), 20);
  res.on('close', () => (clearInterval(t), openStats.delete(id)));
});

let ui: RunningUi;
let cookie: string;
let token: string;
let origin: string;
before(async () => {
  ui = await serveUi({ host: '127.0.0.1', port: 0, api: fakeApi, webDir: web, log: () => {} });
  origin = new URL(ui.url).origin;
  const login = await fetch(ui.loginUrl, { redirect: 'manual' });
  assert.equal(login.status, 303);
  cookie = login.headers.get('set-cookie')!.split(';')[0];
  token = /content="([^"]+)"/.exec(await (await fetch(origin, { headers: { cookie } })).text())![1];
});
after(() => {
  ui?.close();
  rmSync(web, { recursive: true, force: true });
});

test('ui server: /api/ goes to the Engine API without its prefix, with cookie and token only', async () => {
  const r = await fetch(`${origin}/api/v1.43/containers/json?all=1`, { headers: { cookie, 'x-berth-token': token } });
  assert.deepEqual(await r.json(), { method: 'GET', url: '/v1.43/containers/json?all=1' });
  assert.equal((await fetch(`${origin}/api/_ping`, { headers: { cookie } })).status, 403);
  assert.equal((await fetch(`${origin}/api/_ping`, { headers: { 'x-berth-token': token } })).status, 403);
  assert.equal((await fetch(`${origin}/api/_ping`, { headers: { cookie, 'x-berth-token': token + 'x' } })).status, 403);
  const post = await fetch(`${origin}/api/containers/x/stop`, { method: 'POST', headers: { cookie, 'x-berth-token': token, origin } });
  assert.equal(post.status, 200);
});

test('ui server: foreign origins, sites and hosts get 403', async () => {
  const h = { cookie, 'x-berth-token': token };
  assert.equal((await fetch(`${origin}/api/_ping`, { headers: { ...h, origin: 'http://evil.example' } })).status, 403);
  assert.equal((await fetch(`${origin}/api/_ping`, { headers: { ...h, 'sec-fetch-site': 'cross-site' } })).status, 403);
  // DNS rebinding: a page of evil.example resolved to 127.0.0.1 sends its own Host
  const rebound = await new Promise<number>((res) => {
    const u = new URL(origin);
    http.get({ host: u.hostname, port: u.port, path: '/', headers: { host: `evil.example:${u.port}`, cookie } }, (r) => (r.resume(), res(r.statusCode ?? 0)));
  });
  assert.equal(rebound, 403);
  // pages too need the session; unknown paths are 404 behind it
  assert.equal((await fetch(`${origin}/app.js`)).status, 403);
  assert.equal((await fetch(`${origin}/app.js`, { headers: { cookie } })).status, 200);
  assert.equal((await fetch(`${origin}/../../etc/passwd`, { headers: { cookie } })).status, 404);
  assert.equal((await fetch(`${origin}/`, { method: 'POST', headers: { cookie } })).status, 403);
});

test('ui server: websockets need our Origin and the token in the query, which is not handed on', async () => {
  const u = new URL(origin);
  const upgrade = (path: string, o?: string) =>
    new Promise<{ status: number; url?: string }>((res) => {
      const req = http.request({ host: u.hostname, port: u.port, path, headers: { connection: 'Upgrade', upgrade: 'websocket', cookie, ...(o ? { origin: o } : {}) } });
      req.on('response', (r) => (r.resume(), res({ status: r.statusCode ?? 0, url: r.headers['x-url'] as string | undefined })));
      req.end();
    });
  assert.deepEqual(await upgrade(`/api/exec/e1/start/ws?h=24&w=80&berth-token=${token}`, origin), { status: 418, url: '/exec/e1/start/ws?h=24&w=80' });
  assert.equal((await upgrade(`/api/exec/e1/start/ws?berth-token=${token}`)).status, 403);
  assert.equal((await upgrade(`/api/exec/e1/start/ws?berth-token=${token}`, 'http://evil.example')).status, 403);
  assert.equal((await upgrade(`/api/exec/e1/start/ws`, origin)).status, 403);
});

test('ui server: off loopback only with TLS; with TLS a client certificate is required', async () => {
  await assert.rejects(serveUi({ host: '0.0.0.0', port: 0, api: fakeApi, webDir: web, log: () => {} }), /TLS/);
  const dir = mkdtempSync(join(tmpdir(), 'berth-u19-tls-'));
  try {
    makeCA(dir);
    makeClientCert(dir);
    const secure = await serveUi({ host: '127.0.0.1', port: 0, api: fakeApi, webDir: web, tls: { ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') }, log: () => {} });
    try {
      const u = new URL(secure.loginUrl);
      const get = (withCert: boolean) =>
        new Promise<{ status: number; cookie?: string } | Error>((res) => {
          const req = https.get(
            { host: u.hostname, port: u.port, path: u.pathname + u.search, ca: readFileSync(join(dir, 'ca.pem')), ...(withCert ? { cert: readFileSync(join(dir, 'client.cert')), key: readFileSync(join(dir, 'client.key')) } : {}) },
            (r) => (r.resume(), res({ status: r.statusCode ?? 0, cookie: r.headers['set-cookie']?.[0] })),
          );
          req.on('error', (e) => res(e));
        });
      assert.ok((await get(false)) instanceof Error, 'no client certificate: no HTTP at all');
      const ok = (await get(true)) as { status: number; cookie?: string };
      assert.equal(ok.status, 303);
      assert.match(ok.cookie ?? '', /; Secure/);
    } finally {
      secure.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ui server: the stats mux streams each watched container over one websocket and stops what is no longer watched', async () => {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api/_ui/stats?berth-token=${token}`, { headers: { cookie, origin } });
  const got = new Map<string, number>();
  ws.on('message', (m) => {
    const msg = JSON.parse(String(m)) as { id: string; stats?: { n: number } };
    if (msg.stats) got.set(msg.id, (got.get(msg.id) ?? 0) + 1);
  });
  await new Promise((r) => ws.once('open', r));
  const until = async (cond: () => boolean, what: string) => {
    for (const end = Date.now() + 5000; !cond(); await new Promise((r) => setTimeout(r, 10))) assert.ok(Date.now() < end, what);
  };
  const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
  ws.send(JSON.stringify({ watch: ids }));
  await until(() => ids.every((id) => (got.get(id) ?? 0) >= 3), `samples of all 10: ${JSON.stringify([...got])}`);
  assert.equal(openStats.size, 10);
  ws.send(JSON.stringify({ watch: ['c1'] }));
  await until(() => openStats.size === 1 && openStats.has('c1'), `only c1 left: ${[...openStats]}`);
  ws.close();
  await until(() => openStats.size === 0, 'closing the socket stops the last stream');
  // a message that is not a watch list closes the socket (1008)
  const bad = new WebSocket(`${origin.replace('http', 'ws')}/api/_ui/stats?berth-token=${token}`, { headers: { cookie, origin } });
  await new Promise((r) => bad.once('open', r));
  bad.send('{"watch":["../../images/json"]}');
  assert.equal(await new Promise((r) => bad.once('close', r)), 1008);
});
