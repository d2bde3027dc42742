import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineSplitter, dockerTime, parseApiTime, parseRecord, timeNanos } from './logfile';
import { tailOffset } from './logs';

test('parses conmon k8s-file records', () => {
  const r = parseRecord(Buffer.from('2026-11-24T18:19:35.561417770+00:00 stderr F err text'))!;
  assert.equal(r.stream, 'stderr');
  assert.equal(r.partial, false);
  assert.equal(r.content.toString(), 'err text');
  assert.equal(parseRecord(Buffer.from('2026-11-24T18:19:35.5+00:00 stdout P '))?.partial, true);
  assert.equal(parseRecord(Buffer.from('garbage')), null);
});

test('times: Go RFC3339Nano output and API since/until', () => {
  assert.equal(dockerTime('2026-11-24T18:19:35.561417770+00:00'), '2026-11-24T18:19:35.56141777Z');
  assert.equal(dockerTime('2026-11-24T18:19:35.000000000+00:00'), '2026-11-24T18:19:35Z');
  assert.equal(timeNanos('1970-01-01T00:00:01.5+00:00'), 1_500_000_000n);
  assert.equal(parseApiTime('1.25'), 1_250_000_000n);
  assert.equal(parseApiTime('x'), undefined);
});

test('line splitter keeps partial tails across chunks', () => {
  const s = new LineSplitter();
  const lines: string[] = [];
  s.push(Buffer.from('a\nb'), (l) => lines.push(l.toString()));
  s.push(Buffer.from('c\nd\n'), (l) => lines.push(l.toString()));
  assert.deepEqual(lines, ['a', 'bc', 'd']);
});

test('tailOffset finds the start of the last N records', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-tail-'));
  try {
    const f = join(dir, 'log');
    const lines = Array.from({ length: 100000 }, (_, i) => `2026-01-01T00:00:00.0+00:00 stdout F line ${i}\n`).join('');
    writeFileSync(f, lines);
    const { offset: off, records } = tailOffset(f, 3);
    assert.equal(records, 3);
    assert.equal(Buffer.from(lines).subarray(off).toString(), lines.split('\n').slice(-4).join('\n'));
    assert.equal(tailOffset(f, 1e9).offset, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
