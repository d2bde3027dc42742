// LogPrinter: compose's prefixes padded to the longest name registered,
// lines of two containers never mixed however the chunks split them, the
// last unterminated line flushed at the end, colours only when asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { LogPrinter } from './log-printer';

function printer(color = false, prefix = true) {
  const out = new PassThrough();
  const err = new PassThrough();
  const text = { out: '', err: '' };
  out.on('data', (c) => (text.out += c));
  err.on('data', (c) => (text.err += c));
  return { p: new LogPrinter(out, err, { color, prefix }), text };
}

test('names padded to the longest plus one; split chunks make whole lines; stderr apart', () => {
  const { p, text } = printer();
  p.register('web-1');
  p.register('db-12');
  p.write('web-1', 'out', 'hel');
  p.write('db-12', 'out', 'ready\nhalf');
  p.write('web-1', 'out', 'lo\n');
  p.write('web-1', 'err', 'oops\n');
  p.flush('db-12');
  assert.equal(text.out, 'db-12  | ready\nweb-1  | hello\ndb-12  | half\n');
  assert.equal(text.err, 'web-1  | oops\n');
});

test('status lines, --no-log-prefix and colours', () => {
  const plain = printer(false, false);
  plain.p.write('a-1', 'out', 'x\r\n');
  plain.p.status('a-1', 'exited with code 0');
  assert.equal(plain.text.out, 'x\na-1 exited with code 0\n');
  const coloured = printer(true);
  coloured.p.register('a-1');
  coloured.p.register('b-1');
  coloured.p.write('b-1', 'out', 'y\n');
  assert.equal(coloured.text.out, '\x1b[33mb-1  | \x1b[0my\n');
});
