// A long response that keeps filling its buffer must not gather a 'close'
// listener per wait (MaxListenersExceededWarning after 11 on a ServerResponse).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeStream } from './stream';

test('writeStream: listeners stay flat across many full-buffer waits', async () => {
  const counts: number[] = [];
  const server = http.createServer((_req, res) => {
    const base = res.listenerCount('close');
    async function* chunks() {
      for (let i = 0; i < 200; i++) {
        counts.push(res.listenerCount('close') - base, res.listenerCount('drain'));
        yield Buffer.alloc(256 * 1024, i);
      }
    }
    void writeStream(res, chunks());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port }, (res) => {
      // a slow reader: the server's buffer fills again and again
      res.on('data', (c: Buffer) => {
        total += c.length;
        res.pause();
        setImmediate(() => res.resume());
      });
      res.on('end', resolve);
    }).on('error', reject);
  });
  server.close();
  assert.equal(total, 200 * 256 * 1024);
  assert.ok(Math.max(...counts) <= 1, `listeners grew to ${Math.max(...counts)}`);
});
