// GET /containers/{id}/attach/ws: the attach over a websocket, as dockerd
// serves it (checked against Debian's dockerd 20.10 with the same client):
// binary messages, stdout and stderr unframed, stdin from the client's
// messages, logs=1 replays first, a 404 before any upgrade, and the socket
// closes when the container ends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  await d?.stop();
});

interface Session {
  ws: WebSocket;
  messages: { binary: boolean; text: string }[];
  closed: Promise<number>;
  opened: Promise<void>;
  refused: Promise<{ status: number; body: string }>;
}

function open(path: string): Session {
  const ws = new WebSocket(`ws+unix://${d.socket}:${path}`);
  const messages: Session['messages'] = [];
  ws.on('message', (data, binary) => messages.push({ binary, text: data.toString() }));
  ws.on('error', () => {});
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  const opened = new Promise<void>((r) => ws.on('open', () => r()));
  const refused = new Promise<{ status: number; body: string }>((r) =>
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => r({ status: res.statusCode ?? 0, body }));
    }),
  );
  return { ws, messages, closed, opened, refused };
}

const waitFor = async (cond: () => boolean, ms = 10_000) => {
  for (const end = Date.now() + ms; !cond(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

test('attach/ws: logs replayed, live output and stdin as binary messages, unframed', async () => {
  assert.equal(d.berth(['run', '-d', '-i', '--name', 'wsc', 'busybox', 'sh', '-c', 'echo hello; echo err >&2; exec sh']).code, 0);
  await waitFor(() => d.berth(['logs', 'wsc']).stderr.includes('err'));
  const s = open('/v1.41/containers/wsc/attach/ws?logs=1&stream=1&stdin=1&stdout=1&stderr=1');
  await s.opened;
  await waitFor(() => s.messages.map((m) => m.text).join('').includes('err\n'));
  s.ws.send('echo fromws; echo toerr >&2\n');
  await waitFor(() => s.messages.map((m) => m.text).join('').includes('toerr\n'));
  const all = s.messages.map((m) => m.text).join('');
  assert.equal(all, 'hello\nerr\nfromws\ntoerr\n');
  assert.ok(s.messages.every((m) => m.binary));
  s.ws.close();
  await s.closed;
  // the container runs on after the client went
  assert.equal(d.berth(['inspect', '-f', '{{.State.Running}}', 'wsc']).stdout.trim(), 'true');
  d.berth(['rm', '-f', 'wsc']);
});

test('attach/ws: the socket closes when the container ends; stream=0 ends after the logs', async () => {
  assert.equal(d.berth(['run', '-d', '-i', '--name', 'wse', 'busybox', 'sh', '-c', 'read x; echo got $x']).code, 0);
  const s = open('/containers/wse/attach/ws?stream=1&stdin=1&stdout=1');
  await s.opened;
  s.ws.send('bye\n');
  await s.closed;
  assert.equal(s.messages.map((m) => m.text).join(''), 'got bye\n');
  const r = open('/containers/wse/attach/ws?logs=1&stdout=1');
  await r.closed;
  assert.equal(r.messages.map((m) => m.text).join(''), 'got bye\n');
  d.berth(['rm', '-f', 'wse']);
});

test('attach/ws: an unknown container is a 404 before any upgrade; a plain request is a 400', async () => {
  const s = open('/containers/nope/attach/ws?stream=1');
  assert.deepEqual(await s.refused, { status: 404, body: '{"message":"No such container: nope"}\n' });
  assert.equal(d.berth(['create', '--name', 'wsp', 'busybox', 'true']).code, 0);
  const plain = await d.api('GET', '/containers/wsp/attach/ws?stream=1');
  assert.equal(plain.status, 400);
  d.berth(['rm', '-f', 'wsp']);
});
