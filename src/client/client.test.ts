// The client against a fake daemon on a unix socket (a test double, not berthd).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { Client } from './client';
import { encodeFrame } from './demux';
import { ClientError, ConnectionError } from './errors';
import { readJSONStream } from './jsonstream';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-client-test-'));
const sock = path.join(dir, 'd.sock');
let serverVersion: string | undefined = '1.45';
const seen: Seen[] = [];
let server: http.Server;

before(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (serverVersion) res.setHeader('Api-Version', serverVersion);
      const url = new URL(req.url!, 'http://x');
      const p = url.pathname.replace(/^\/v[\d.]+/, '');
      if (p === '/_ping') return res.end(req.method === 'HEAD' ? undefined : 'OK');
      if (p === '/containers/json') {
        res.setHeader('Content-Type', 'application/json');
        return res.end(JSON.stringify([{ Id: 'abc', Names: ['/x'] }]));
      }
      if (p === '/containers/nosuch/stop') {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ message: 'No such container: nosuch' }));
      }
      if (p === '/containers/abc/stop') {
        res.writeHead(204);
        return res.end();
      }
      if (p === '/images/create') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write(`${JSON.stringify({ status: `got ${body.length} bytes` })}\r\n`);
        return res.end(`${JSON.stringify({ status: 'sha256:feed' })}\r\n`);
      }
      if (p === '/containers/abc/logs') {
        res.writeHead(200, { 'Content-Type': 'application/vnd.docker.multiplexed-stream' });
        return res.end(Buffer.concat([encodeFrame(1, 'o'), encodeFrame(2, 'e')]));
      }
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('plain failure');
    });
  });
  server.on('upgrade', (req, socket) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: '' });
    socket.write('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
    socket.on('data', (d: Buffer) => socket.write(`echo:${d.toString()}`));
    socket.on('end', () => socket.end('bye'));
  });
  await new Promise<void>((r) => server.listen(sock, r));
});

after(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('negotiates the version and prefixes every call with it', async () => {
  serverVersion = '1.45';
  seen.length = 0;
  const c = new Client({ host: `unix://${sock}` });
  const list = await c.containers.list({ all: true });
  assert.equal(list[0].Id, 'abc');
  assert.equal(seen[0].method, 'HEAD');
  assert.equal(seen[0].url, '/_ping');
  assert.equal(seen[1].url, '/v1.45/containers/json?all=1');
  c.close();
});

test('caps the version at ours, and uses 1.24 when the daemon sends no header', async () => {
  serverVersion = '1.99';
  let c = new Client({ host: `unix://${sock}` });
  assert.equal(await c.apiVersion(), '1.47');
  c.close();
  serverVersion = undefined;
  c = new Client({ host: `unix://${sock}` });
  assert.equal(await c.apiVersion(), '1.24');
  c.close();
  serverVersion = '1.45';
  c = new Client({ host: `unix://${sock}`, version: '1.41' });
  assert.equal(await c.apiVersion(), '1.41');
  c.close();
});

test("a non-2xx answer throws ClientError with the daemon's message", async () => {
  const c = new Client({ host: `unix://${sock}` });
  await c.containers.stop('abc', { timeout: 3 });
  const err = await c.containers.stop('nosuch').catch((e: unknown) => e);
  assert.ok(err instanceof ClientError);
  assert.equal(err.status, 404);
  assert.equal(err.message, 'No such container: nosuch');
  const plain = await c.system.info().catch((e: unknown) => e);
  assert.ok(plain instanceof ClientError);
  assert.equal(plain.status, 500);
  assert.equal(plain.message, 'plain failure');
  c.close();
});

test('no daemon: ConnectionError with the docker-style message', async () => {
  const c = new Client({ host: `unix://${path.join(dir, 'nothing.sock')}` });
  const err = await c.containers.list().catch((e: unknown) => e);
  assert.ok(err instanceof ConnectionError);
  assert.equal(err.message, `Cannot connect to the berth daemon at unix://${path.join(dir, 'nothing.sock')}. Is the berth daemon running?`);
});

test('import streams the body and yields the JSON progress', async () => {
  const c = new Client({ host: `unix://${sock}` });
  seen.length = 0;
  const res = await c.images.import(Readable.from([Buffer.alloc(1000), Buffer.alloc(24)]), {
    fromSrc: '-',
    repo: 'foo:bar',
    changes: ['CMD ["sh"]'],
    message: 'hi',
  });
  const msgs = [];
  for await (const m of readJSONStream(res)) msgs.push(m.status);
  assert.deepEqual(msgs, ['got 1024 bytes', 'sha256:feed']);
  const req = seen.find((s) => s.url.includes('/images/create'))!;
  assert.equal(req.url, '/v1.45/images/create?changes=CMD+%5B%22sh%22%5D&fromSrc=-&message=hi&repo=foo%3Abar');
  assert.equal(req.headers['transfer-encoding'], 'chunked');
  c.close();
});

test('logs: the raw multiplexed stream', async () => {
  const c = new Client({ host: `unix://${sock}` });
  const res = await c.containers.logs('abc', { tail: 'all', follow: true });
  const chunks: Buffer[] = [];
  for await (const ch of res) chunks.push(ch as Buffer);
  assert.deepEqual(Buffer.concat(chunks), Buffer.concat([encodeFrame(1, 'o'), encodeFrame(2, 'e')]));
  c.close();
});

test('attach hijacks the connection: 101, then a raw duplex', async () => {
  const c = new Client({ host: `unix://${sock}` });
  seen.length = 0;
  const h = await c.containers.attach('abc', { stdin: true, stdout: true, stderr: true });
  const up = seen.find((s) => s.url.includes('/attach'))!;
  assert.equal(up.url, '/v1.45/containers/abc/attach?stderr=1&stdin=1&stdout=1&stream=1');
  assert.equal(up.headers.connection, 'Upgrade');
  assert.equal(up.headers.upgrade, 'tcp');
  assert.equal(h.multiplexed, false);
  const got: Buffer[] = [];
  const done = new Promise<void>((r) => {
    h.output.on('data', (d: Buffer) => got.push(d));
    h.output.on('end', r);
  });
  h.input.write('ping');
  await new Promise((r) => setTimeout(r, 50));
  h.closeWrite();
  await done;
  assert.equal(Buffer.concat(got).toString(), 'echo:pingbye');
  c.close();
});
