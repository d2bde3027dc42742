// A fuzz test over the whole API, driven by the router tables themselves:
// every route gets malformed JSON, wrong types, odd and huge query strings,
// odd path parameters and oversized headers and bodies. berthd must answer
// each with a 4xx in Docker's {"message"} shape (never a 5xx for bad input),
// stay up, and leave nothing half-made: the containers, images, volumes and
// mounts it has are the same before and after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { startTestDaemon, type Daemon } from './harness';
import type { Route } from '../../src/api/server/route';
import { containerRoutes } from '../../src/api/routers/container/routes';
import { containerFileRoutes } from '../../src/api/routers/container/archive-routes';
import { execRoutes } from '../../src/api/routers/exec/routes';
import { imageRoutes } from '../../src/api/routers/image/routes';
import { registryRoutes } from '../../src/api/routers/registry/routes';
import { systemRoutes } from '../../src/api/routers/system/routes';
import { eventRoutes } from '../../src/api/routers/system/events-routes';
import { networkRoutes } from '../../src/api/routers/network/routes';
import { buildRoutes } from '../../src/api/routers/build/routes';
import { volumeRoutes } from '../../src/api/routers/volume/routes';

let d: Daemon;
let target: string;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  // one stopped container and one volume for the routes that read them
  const c = await d.api('POST', '/containers/create?name=fuzz-target', { Image: 'busybox', Cmd: ['true'] });
  assert.equal(c.status, 201, c.body);
  target = c.json.Id;
  assert.equal((await d.api('POST', '/volumes/create', { Name: 'fuzz-vol' })).status, 201);
});
after(async () => {
  await d?.stop();
});

/** The route table, read from the routers with a backend that is never called. */
function allRoutes(): Route[] {
  const never = new Proxy({}, { get: () => () => { throw new Error('backend called while listing routes'); } }) as never;
  return [
    ...systemRoutes(never), ...containerRoutes(never), ...containerFileRoutes(never), ...execRoutes(never),
    ...registryRoutes(never), ...imageRoutes(never, never), ...volumeRoutes(never), ...networkRoutes(never),
    ...buildRoutes(never), ...eventRoutes(never),
  ];
}

interface Reply { status: number; head: string; body: string }

/** True once `text` holds a whole response (head + Content-Length bytes or the last chunk). */
function complete(text: string, method: string): boolean {
  const sep = text.indexOf('\r\n\r\n');
  if (sep < 0) return false;
  const head = text.slice(0, sep);
  // a success only needs its status (it may be an endless stream: events, stats, logs -f)
  if (/^HTTP\/1\.1 [123]\d\d/.test(head) || method === 'HEAD') return true;
  const len = /\r\ncontent-length: (\d+)/i.exec(head);
  if (len) return text.length - sep - 4 >= Number(len[1]);
  if (/\r\ntransfer-encoding: chunked/i.test(head)) return text.endsWith('0\r\n\r\n');
  return false;
}

/**
 * One raw HTTP/1.1 exchange on the unix socket, so any bytes can go in the
 * request line and headers. The connection is dropped as soon as one whole
 * response is in (a server that answers before reading a body it does not
 * need would otherwise reset a closing connection under our feet).
 */
function raw(method: string, path: string, opts: { body?: string | Buffer; headers?: string[] } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
    const lines = [`${method} ${path} HTTP/1.1`, 'Host: berth', ...(opts.headers ?? [])];
    if (body) lines.push('Content-Type: application/json', `Content-Length: ${body.length}`);
    if (process.env.BERTH_FUZZ_TRACE) process.stderr.write(`> ${method} ${path.slice(0, 120)} ${body ? body.toString('latin1').slice(0, 40) : ''}\n`);
    const sock = net.connect(d.socket);
    let text = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      sock.destroy();
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      const sep = text.indexOf('\r\n\r\n');
      resolve({ status: m ? Number(m[1]) : 0, head: text.slice(0, sep), body: text.slice(sep + 4) });
    };
    sock.on('connect', () => {
      sock.write(lines.join('\r\n') + '\r\n\r\n');
      if (body) sock.write(body);
    });
    sock.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (complete(text, method)) finish();
    });
    sock.on('error', (err) => (['ECONNRESET', 'EPIPE'].includes((err as NodeJS.ErrnoException).code ?? '') ? finish() : reject(err)));
    sock.on('close', finish);
    sock.setTimeout(60_000, () => finish());
  });
}

// Path parameter values that must never be found, or must be refused.
const ODD_PARAMS = ['fuzz-nosuch', '..%2F..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'a%00b', '%E0%A4%A', '%ZZ', 'x'.repeat(1000), '%F0%9F%92%A9', 'UPPER:Case@@sha256:zz'];
const ODD_QUERIES = [
  'all=notabool&limit=abc&size=2&filters=notjson',
  'filters=%7B%22status%22%3A%5B%22bogus%22%5D%7D&filters=%7B',
  'filters=%5B1%2C2%5D',
  'filters=null',
  't=-1&signal=SIGBOGUS&timeout=9999999999999999999999&condition=sometimes',
  'tail=-5x&since=yesterday&until=%ZZ&follow=maybe',
  'h=-1&w=abc',
  'fromImage=UPPER%2Fcase%3A%3A&tag=%2F%2F&fromSrc=',
  'path=&noOverwriteDirNonDir=2',
  '%ZZ=%ZZ&&&==&a=%E0%A4%A',
  'names=' + 'a'.repeat(70_000),
  'x=' + '%00'.repeat(100),
];
const BAD_BODIES = ['{', '{"Image": 123, "HostConfig": "no"}', '[]', 'null', '"a string"', '12', '{"a":' + '['.repeat(50_000), '\u0000\u0001', '{"HostConfig": {"Memory": "lots", "Binds": "x", "PortBindings": []}, "Cmd": {}}'];

function fill(path: string, value: string): string {
  return path.replace(/:[A-Za-z]+/g, value).replace(/\*$/, value);
}

async function countState(): Promise<string> {
  const [c, i, v] = await Promise.all([
    d.api('GET', '/containers/json?all=1'),
    d.api('GET', '/images/json?all=1'),
    d.api('GET', '/volumes'),
  ]);
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.includes(d.dataRoot) || l.includes(d.execRoot)).length;
  return JSON.stringify({ containers: c.json.map((x: { Id: string }) => x.Id).sort(), images: i.json.map((x: { Id: string }) => x.Id).sort(), volumes: v.json.Volumes.map((x: { Name: string }) => x.Name).sort(), mounts });
}

function judge(what: string, r: Reply, failures: string[]): void {
  const message = /"message":\s*"((?:[^"\\]|\\.)*)"/.exec(r.body)?.[1] ?? r.body.slice(0, 100);
  if (r.status === 0) failures.push(`${what} => no answer`);
  else if (r.status >= 500) failures.push(`${what} => ${r.status} ${message.replace(/[0-9a-f]{12,}/g, 'ID')}`);
  else if (r.status >= 400 && r.status !== 431 && r.status !== 413 && r.status !== 400 + 0 && !/"message"/.test(r.body) && r.body.trim() !== '') {
    failures.push(`${what} => ${r.status} without a message: ${r.body.slice(0, 120)}`);
  }
}

// Routes that would reach the network with a well-formed request; they get only malformed input here.
const NETWORK = new Set(['GET /images/search', 'POST /auth']);
const UNPARSABLE = ['{', '\u0000\u0001', '{"a":' + '['.repeat(50_000)];
// Go ignores unknown fields and decodes null as nothing: for volume create those
// make an anonymous volume, as in Docker; it gets wrongly typed fields instead.
const BAD_VOLUME_BODIES = [...UNPARSABLE, '[]', '"a string"', '12', '{"Name": 5}', '{"Labels": "x"}', '{"DriverOpts": [1]}', '{"Name": "ok", "Driver": {}}'];

/**
 * dockerd answers a load it cannot read with 200 and an error as the stream's
 * last message (docker-py raises ImageLoadError from it): refused all the same.
 */
function refusedInStream(path: string, rep: { status: number; body: string }): boolean {
  if (path !== '/images/load' || rep.status !== 200) return false;
  // the body is read raw (chunked): look for the error message itself
  return /\{"errorDetail":\{"message":"[^"]+"\},"error":"/.test(rep.body);
}

test('every route answers malformed input with a 4xx, berthd stays up, nothing is left behind', async () => {
  const routes = allRoutes();
  assert.ok(routes.length > 40, `${routes.length} routes`);
  const beforeState = await countState();
  const failures: string[] = [];
  let sent = 0;
  let last = beforeState;
  for (const r of routes) {
    // state is compared after every route, so a change names its route
    if (r !== routes[0]) {
      const now = await countState();
      if (now !== last) failures.push(`before ${r.method} ${r.path} => state changed: ${now}`);
      last = now;
    }
    const method = r.method === 'HEAD' ? 'HEAD' : r.method;
    const key = `${r.method} ${r.path}`;
    const hasParams = /:[A-Za-z]+|\*$/.test(r.path);
    // params: odd values everywhere; the real target only for reads
    const values = hasParams ? [...ODD_PARAMS, ...(method === 'GET' ? [target, 'busybox', 'fuzz-vol'] : [])] : [''];
    for (const value of values) {
      const path = fill(r.path, value);
      for (const q of NETWORK.has(key) ? ['limit=abc'] : ODD_QUERIES) {
        // prune routes take unknown parameters in stride (as dockerd does) and would
        // prune: they get only queries whose filters are malformed
        if (/\/prune$/.test(r.path) && !/filters=(notjson|%7B%22status|%5B1)/.test(q)) continue;
        // an empty body makes an anonymous volume, as in Docker: only bad bodies for it
        if (key === 'POST /volumes/create') continue;
        const rep = await raw(method, `/v1.47${path}?${q}`);
        sent++;
        // over node's 16 KiB header limit the answer is a 431 and a close, which may
        // reset the connection before the 431 is read: refused either way
        if (q.length > 16_384 && (rep.status === 0 || rep.status === 431)) continue;
        if (method !== 'GET' && method !== 'HEAD' && rep.status >= 200 && rep.status < 300 && !/\/(prune|_ping)$/.test(r.path) && !refusedInStream(r.path, rep)) failures.push(`${key} ?${q.slice(0, 40)} => mutating ${rep.status}`);
        // GETs on real objects may succeed; an odd query must still never be a 5xx
        judge(`${key} [${value.slice(0, 20)}] ?${q.slice(0, 40)}`, rep, failures);
      }
      // (prune routes read no body: without filters they would prune)
      if ((method === 'POST' || method === 'PUT') && !/\/prune$/.test(r.path)) {
        for (const body of NETWORK.has(key) ? UNPARSABLE : key === 'POST /volumes/create' ? BAD_VOLUME_BODIES : BAD_BODIES) {
          const rep = await raw(method, `/v1.47${path}`, { body });
          sent++;
          if (rep.status >= 200 && rep.status < 300 && !/\/(prune|_ping)$/.test(r.path) && !refusedInStream(r.path, rep)) failures.push(`${key} body ${body.slice(0, 40)} => mutating ${rep.status}`);
          judge(`${key} [${value.slice(0, 20)}] body ${JSON.stringify(body.slice(0, 30))}`, rep, failures);
        }
      }
    }
  }
  // headers: oversized (node refuses over 16 KiB with 431), odd Content-Length, bad versions
  const odd: [string, string, { body?: string; headers?: string[] }][] = [
    ['GET', '/containers/json', { headers: [`X-Big: ${'a'.repeat(100_000)}`] }],
    ['GET', '/containers/json', { headers: Array.from({ length: 3000 }, (_, i) => `X-H${i}: v`) }],
    ['POST', '/containers/create', { headers: ['Content-Length: -1'] }],
    ['POST', '/containers/create', { headers: ['Content-Length: 99999999999999999999'] }],
    ['POST', '/containers/create', { headers: ['Transfer-Encoding: chunked, gzip'] }],
    ['GET', '/v0.0/containers/json', {}],
    ['GET', '/v1.99999999999999999999/containers/json', {}],
    ['GET', '/vabc/containers/json', {}],
    ['GET', '//../../containers/json', {}],
    ['GET', '/containers/json#frag', {}],
    ['GET', `/${'a/'.repeat(5000)}`, {}],
    ['POST', '/containers/create', { headers: ['X-Registry-Auth: %%%notbase64'], body: '{"Image":"busybox","HostConfig":{"Privileged":"yes"}}' }],
    ['POST', '/containers/create', { body: '{"Image":"busybox","Cmd":"echo","HostConfig":{"Memory":"lots"}}' }],
  ];
  for (const [m, p, o] of odd) {
    const rep = await raw(m, p, o);
    sent++;
    if (rep.status !== 0) judge(`${m} ${p.slice(0, 40)} ${JSON.stringify(o).slice(0, 60)}`, rep, failures);
  }
  // one line per distinct answer, with the first request that got it
  const distinct = new Map<string, string>();
  for (const f of failures) {
    const [what, answer] = f.split(' => ');
    if (!distinct.has(answer)) distinct.set(answer, what);
  }
  assert.equal(failures.length, 0, `${failures.length} of ${sent} requests failed:\n${[...distinct].map(([a, w]) => `${a}   (e.g. ${w})`).join('\n')}`);
  assert.equal((await d.api('GET', '/_ping')).body, 'OK', 'berthd is still up');
  assert.equal(await countState(), beforeState, 'no partial state');
});

test('oversized JSON bodies are refused with 400 and nothing made', async () => {
  const beforeState = await countState();
  const big = JSON.stringify({ Image: 'busybox', Env: ['X=' + 'a'.repeat(17 << 20)] });
  for (const path of ['/containers/create', '/volumes/create', `/containers/${target}/update`, '/exec/nosuch/start']) {
    const rep = await raw('POST', `/v1.47${path}`, { body: big });
    // berthd may close the connection once it has refused the body
    assert.ok(rep.status === 0 || (rep.status >= 400 && rep.status < 500), `${path}: ${rep.status} ${rep.body.slice(0, 100)}`);
  }
  assert.equal((await d.api('GET', '/_ping')).body, 'OK');
  assert.equal(await countState(), beforeState);
});
