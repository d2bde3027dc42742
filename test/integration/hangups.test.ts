// Clients that hang up in the middle of a stream: a reset TCP connection
// (RST) and a unix socket closed with bytes still unread are cut during
// attach, logs, events, stats, exec, build, pull and load. berthd must
// handle every such error (no "uncaught exception" in its log, no
// MaxListenersExceededWarning) and go on serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { startTestDaemon, type Daemon } from './harness';
import { freePort, startRegistry, type RegistryServer } from './registry-server';

let d: Daemon;
let reg: RegistryServer;
let tcpPort: number;
let saved: Buffer;
let context: Buffer;

before(async () => {
  reg = await startRegistry();
  tcpPort = await freePort();
  d = await startTestDaemon({ images: ['busybox'], extraArgs: ['-H', `tcp://127.0.0.1:${tcpPort}`, '--tls=false'] });
  assert.equal(d.berth(['tag', 'busybox', `${reg.host}/hu/bb:1`]).code, 0);
  assert.equal(d.berth(['push', `${reg.host}/hu/bb:1`]).code, 0);
  assert.equal(d.berth(['rmi', `${reg.host}/hu/bb:1`]).code, 0);
  assert.equal(d.berth(['run', '-d', '-i', '--name', 'hu', 'busybox', 'sh', '-c', 'while true; do echo tick; sleep 0.1; done']).code, 0);
  saved = Buffer.from(d.berth(['save', 'busybox']).stdout, 'latin1');
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const dir = mkdtempSync('/tmp/berth-hu-ctx-');
  writeFileSync(`${dir}/Dockerfile`, 'FROM busybox\nRUN for i in 1 2 3 4 5 6 7 8 9 10; do echo step $i; sleep 0.2; done\n');
  context = spawnSync('tar', ['-C', dir, '-c', 'Dockerfile']).stdout;
  spawnSync('rm', ['-rf', dir]);
});
after(async () => {
  d?.berth(['rm', '-f', 'hu']);
  await d?.stop();
  await reg?.stop();
});

interface Case {
  name: string;
  request: () => Promise<Buffer>;
  /** Bytes to send after the first answer bytes, left unread when the socket goes (for a unix socket's reset). */
  trailer?: Buffer;
}

function http(method: string, path: string, o: { body?: Buffer; upgrade?: boolean; partial?: boolean; type?: string } = {}): Buffer {
  const body = o.body ?? Buffer.alloc(0);
  const head = [
    `${method} ${path} HTTP/1.1`,
    'Host: berth',
    `Content-Type: ${o.type ?? 'application/json'}`,
    `Content-Length: ${body.length}`,
    ...(o.upgrade ? ['Connection: Upgrade', 'Upgrade: tcp'] : []),
    '',
    '',
  ].join('\r\n');
  // partial: only half the body goes out, the rest never comes
  return Buffer.concat([Buffer.from(head), o.partial ? body.subarray(0, body.length >> 1) : body]);
}

const cases = (): Case[] => [
  { name: 'attach', request: async () => http('POST', '/containers/hu/attach?stream=1&stdin=1&stdout=1&stderr=1', { upgrade: true }), trailer: Buffer.from('echo x\n') },
  { name: 'logs', request: async () => http('GET', '/containers/hu/logs?follow=1&stdout=1&stderr=1') },
  { name: 'events', request: async () => http('GET', '/events') },
  { name: 'stats', request: async () => http('GET', '/containers/hu/stats?stream=1') },
  { name: 'exec', request: execRequest, trailer: Buffer.from('input\n') },
  { name: 'build', request: async () => http('POST', '/build?t=hu-build&rm=1', { body: context, type: 'application/x-tar' }) },
  { name: 'pull', request: async () => http('POST', `/images/create?fromImage=${encodeURIComponent(`${reg.host}/hu/bb`)}&tag=1`) },
  { name: 'load', request: async () => http('POST', '/images/load', { body: saved, type: 'application/x-tar', partial: true }) },
];

/** Sends, waits for the first answer bytes (or a moment, for a body never finished), then cuts. */
async function cut(connect: () => net.Socket, req: Buffer, trailer: Buffer | undefined, rst: boolean): Promise<void> {
  const sock = connect();
  sock.on('error', () => {});
  await new Promise<void>((r) => sock.once('connect', () => r()));
  sock.write(req);
  await Promise.race([new Promise((r) => sock.once('data', r)), new Promise((r) => setTimeout(r, 1500))]);
  if (trailer) sock.write(trailer);
  await new Promise((r) => setTimeout(r, 300));
  if (rst) sock.resetAndDestroy();
  else {
    // unread data in our receive buffer makes the close a reset for the peer
    sock.pause();
    await new Promise((r) => setTimeout(r, 200));
    sock.destroy();
  }
}

async function execRequest(): Promise<Buffer> {
  const r = await d.api('POST', '/containers/hu/exec', { Cmd: ['sh', '-c', 'while true; do echo e; sleep 0.05; done'], AttachStdout: true, AttachStdin: true });
  assert.equal(r.status, 201, r.body);
  return http('POST', `/exec/${r.json.Id}/start`, { body: Buffer.from('{"Detach":false,"Tty":false}'), upgrade: true });
}

test('cut connections mid-stream leave nothing unhandled, over TCP (reset) and the unix socket', async () => {
  for (const rst of [true, false]) {
    const connect = () => (rst ? net.connect(tcpPort, '127.0.0.1') : net.connect(d.socket));
    for (const c of cases()) await cut(connect, await c.request(), c.trailer, rst);
  }
  // the daemon got over all of it: it answers, the container still runs
  await new Promise((r) => setTimeout(r, 1500));
  const ping = await d.api('GET', '/_ping');
  assert.equal(ping.status, 200);
  assert.equal(d.berth(['inspect', '-f', '{{.State.Running}}', 'hu']).stdout.trim(), 'true');
  assert.equal(d.berth(['pull', `${reg.host}/hu/bb:1`]).code, 0);
  const log = readFileSync(`${d.dataRoot}/berthd.log`, 'utf8');
  assert.doesNotMatch(log, /uncaught|unhandled/i);
  assert.doesNotMatch(log, /MaxListenersExceededWarning/);
});
