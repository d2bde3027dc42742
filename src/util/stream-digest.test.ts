import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { offThreadHashing, StreamDigester } from './stream-digest';

async function digestOf(chunks: Buffer[], wait: boolean): Promise<{ digest: string; size: number }> {
  const d = new StreamDigester();
  for (const c of chunks) {
    const p = d.update(c);
    if (wait && p) await p;
  }
  return { digest: await d.digest(), size: d.size };
}

function want(chunks: Buffer[]): string {
  const h = createHash('sha256');
  for (const c of chunks) h.update(c);
  return 'sha256:' + h.digest('hex');
}

test('the compiled hash is built and loads', { skip: process.env.BERTH_NO_NATIVE ? 'BERTH_NO_NATIVE set' : false }, () => {
  assert.ok(offThreadHashing(), 'dist/native/berth_digest.node: run npm run build (needs gcc and the Node headers)');
});

test('the digest and size match node crypto: empty, small, batches, and more than fits ahead', async () => {
  const cases: Buffer[][] = [
    [],
    [Buffer.alloc(0)],
    [Buffer.from('abc')],
    Array.from({ length: 40 }, (_, i) => randomBytes(1 + ((i * 7919) % 70000))),
    Array.from({ length: 12 }, () => randomBytes(1 << 20)), // past the 4 MiB ahead: update() asks to wait
  ];
  for (const chunks of cases) {
    for (const wait of [true, false]) {
      const got = await digestOf(chunks, wait);
      assert.equal(got.digest, want(chunks));
      assert.equal(got.size, chunks.reduce((n, c) => n + c.length, 0));
    }
  }
});

test('with many streams at once each digest is its own', async () => {
  const streams = Array.from({ length: 8 }, (_, i) => Array.from({ length: 6 }, () => randomBytes(300_000 + i)));
  const got = await Promise.all(streams.map((s) => digestOf(s, true)));
  got.forEach((g, i) => assert.equal(g.digest, want(streams[i])));
});

test('without the compiled module (BERTH_NO_NATIVE) the same digests come from node crypto', () => {
  const code = `const { StreamDigester, offThreadHashing } = require(${JSON.stringify(require.resolve('./stream-digest'))});
    (async () => { const d = new StreamDigester(); d.update(Buffer.from('abc')); console.log(offThreadHashing(), await d.digest(), d.size); })();`;
  const out = execFileSync(process.execPath, ['-e', code], { env: { ...process.env, BERTH_NO_NATIVE: '1' }, encoding: 'utf8' }).trim();
  assert.equal(out, `false ${want([Buffer.from('abc')])} 3`);
});

test('the compiled module refuses misuse with errors, not crashes', { skip: !offThreadHashing() }, async () => {
  const n = require('../../native/berth_digest.node') as {
    sha256(): object;
    update(h: unknown, b: unknown): Promise<void>;
    final(h: unknown): string;
  };
  assert.throws(() => n.update({}, []), /a hash from sha256\(\)/);
  assert.throws(() => n.update(n.sha256(), 'abc'), /an array of Buffers/);
  assert.throws(() => n.update(n.sha256(), ['abc']), /every element must be a Buffer/);
  assert.throws(() => n.final(42), /a hash from sha256\(\)/);
  const h = n.sha256();
  const running = n.update(h, [randomBytes(1 << 20)]);
  assert.throws(() => n.update(h, []), /busy/);
  assert.throws(() => n.final(h), /busy/);
  await running;
  assert.match(n.final(h), /^[0-9a-f]{64}$/);
  assert.throws(() => n.final(h), /finished/);
  assert.throws(() => n.update(h, []), /finished/);
});
