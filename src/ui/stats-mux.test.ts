import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { StatsMux, MAX_WATCHED } from './stats-mux';
import { apiLines } from './in-process';

/** A fake opener: records open streams, and lets the test push lines or end them. */
function fakeStreams() {
  const open = new Map<string, { line: (l: string) => void; end: (why?: string) => void }>();
  let opened = 0;
  const opener = (id: string, line: (l: string) => void, end: (why?: string) => void) => {
    opened++;
    open.set(id, { line, end });
    return () => open.delete(id);
  };
  return { open, opener, opened: () => opened };
}

test('stats mux: opens a stream per watched id, stops those that leave the set, forwards lines tagged with the id', () => {
  const f = fakeStreams();
  const sent: string[] = [];
  const mux = new StatsMux(f.opener, (m) => sent.push(m));
  mux.message('{"watch":["a","b"]}');
  assert.deepEqual([...f.open.keys()].sort(), ['a', 'b']);
  f.open.get('a')!.line('{"cpu":1}');
  assert.deepEqual(JSON.parse(sent[0]!), { id: 'a', stats: { cpu: 1 } });
  mux.message('{"watch":["b","c"]}');
  assert.deepEqual([...f.open.keys()].sort(), ['b', 'c'], 'a stopped, c started, b left as it was');
  assert.equal(f.opened(), 3, 'b is not opened again');
  mux.close();
  assert.equal(f.open.size, 0, 'closing the socket stops every stream');
  mux.watch(['d']);
  assert.equal(f.open.size, 0, 'nothing starts after close');
});

test('stats mux: a stream that ends is reported and can be watched again; a stale stream stays silent', () => {
  const f = fakeStreams();
  const sent: string[] = [];
  const mux = new StatsMux(f.opener, (m) => sent.push(m));
  mux.watch(['a']);
  const first = f.open.get('a')!;
  first.end('404: no such container');
  assert.deepEqual(JSON.parse(sent.pop()!), { id: 'a', end: true, error: '404: no such container' });
  assert.deepEqual(mux.watching, []);
  mux.watch(['a']);
  first.line('{"old":1}');
  first.end();
  assert.equal(sent.length, 0, 'callbacks of the ended stream are ignored');
  assert.deepEqual(mux.watching, ['a']);
});

test('stats mux: skips samples while the socket is backed up', () => {
  const f = fakeStreams();
  const sent: string[] = [];
  let busy = true;
  const mux = new StatsMux(f.opener, (m) => sent.push(m), () => busy);
  mux.watch(['a']);
  f.open.get('a')!.line('{}');
  busy = false;
  f.open.get('a')!.line('{}');
  assert.equal(sent.length, 1);
});

test('stats mux: refuses anything but a list of container ids', () => {
  const mux = new StatsMux(fakeStreams().opener, () => {});
  for (const bad of ['nope', '{}', '{"watch":"a"}', '{"watch":[1]}', '{"watch":["../images/json"]}', '{"watch":["a?x=1"]}', JSON.stringify({ watch: Array.from({ length: MAX_WATCHED + 1 }, (_, i) => `c${i}`) })]) {
    assert.throws(() => mux.message(bad), Error, bad);
  }
  assert.deepEqual(mux.watching, []);
});

test('apiLines: reads a streamed answer line by line from an http.Server over an in-memory connection', async () => {
  const seen: string[] = [];
  let closed = 0;
  const server = http.createServer((req, res) => {
    seen.push(req.url!);
    if (req.url !== '/stream') return void res.writeHead(404).end('{"message":"no"}');
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"n":1}\n{"n"');
    setTimeout(() => res.write(':2}\n'), 10);
    // a stream that never ends on its own, like stats: stopped from our side
    res.on('close', () => closed++);
  });
  const lines: string[] = [];
  const stop = await new Promise<() => void>((resolve) => {
    const s = apiLines((end) => server.emit('connection', end), '/stream', (l) => (lines.push(l), lines.length === 2 && resolve(s)), () => assert.fail('not ended'));
  });
  assert.deepEqual(lines, ['{"n":1}', '{"n":2}']);
  stop();
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(closed, 1, 'stopping closes the server side too');
  const why = await new Promise<string | undefined>((resolve) => apiLines((end) => server.emit('connection', end), '/other', () => {}, resolve));
  assert.match(why ?? '', /^404/);
  assert.deepEqual(seen, ['/stream', '/other']);
});
