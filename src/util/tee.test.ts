import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { tee } from './tee';

async function collect(s: AsyncIterable<Buffer>): Promise<string> {
  let out = '';
  for await (const c of s) out += c.toString();
  return out;
}

test('both consumers get every byte; a dropped consumer does not stop the other', async () => {
  const src = async function* () {
    for (let i = 0; i < 100; i++) yield Buffer.from(`chunk${i};`.repeat(1000));
  };
  const { outs, done } = tee(src(), 2, 2);
  const [a, b] = await Promise.all([collect(outs[0]), collect(outs[1]), done]);
  assert.equal(a, b);
  assert.equal(a.length, 100 * 1000 * 'chunk0;'.length + 1000 * 90 /* two-digit numbers */);
  const t2 = tee(src(), 2, 2);
  const first = (async () => {
    for await (const _ of t2.outs[0]) {
      t2.outs[0].destroy();
      break;
    }
  })();
  const [, all] = await Promise.all([first, collect(t2.outs[1]), t2.done]);
  assert.ok(all.endsWith('chunk99;'));
});

test('a source error reaches every consumer', async () => {
  const src = async function* () {
    yield Buffer.from('a');
    throw new Error('reset');
  };
  const { outs } = tee(src());
  const [a, b] = await Promise.allSettled([collect(outs[0]), collect(outs[1])]);
  assert.match(String((a as PromiseRejectedResult).reason), /reset/);
  assert.match(String((b as PromiseRejectedResult).reason), /reset/);
});
