import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendLine, ensureSubIdRange, freeRangeStart, parseSubIds, rangesOf, readSubIds } from './subid';

test('parses subuid lines; blank lines and comments are skipped, malformed ones refused', () => {
  const text = 'alice:100000:65536\n\n# comment\n1001:165536:1000\n';
  assert.deepEqual(parseSubIds(text), [
    { name: 'alice', start: 100000, count: 65536 },
    { name: '1001', start: 165536, count: 1000 },
  ]);
  for (const bad of ['alice:100000', 'alice:x:65536', ':1:2', 'alice:1:2:3', 'alice:-1:5']) {
    assert.throws(() => parseSubIds(bad, '/etc/subuid'), /invalid line 1 in \/etc\/subuid/);
  }
});

test('a user\'s ranges are found by name or by uid, in file order', () => {
  const e = parseSubIds('bob:300000:10\nalice:100000:65536\n1001:500000:5\n');
  assert.deepEqual(rangesOf(e, 'alice', 1001).map((r) => r.start), [100000, 500000]);
  assert.deepEqual(rangesOf(e, 'carol', 7), []);
});

test('the free range starts at 100000 and never overlaps an existing one', () => {
  assert.equal(freeRangeStart([]), 100000);
  assert.equal(freeRangeStart(parseSubIds('a:100000:65536\n')), 165536);
  // Unsorted, a gap too small, a range below the minimum, a nested one.
  const e = parseSubIds('c:300000:65536\na:100000:65536\nb:170000:100000\nz:1000:50000\nn:120000:5\n');
  assert.equal(freeRangeStart(e), 365536);
  // A gap exactly big enough is used.
  assert.equal(freeRangeStart(parseSubIds('a:100000:65536\nb:231072:65536\n')), 165536);
  assert.equal(freeRangeStart(parseSubIds('a:100000:65536\nb:231071:65536\n')), 296607);
  assert.equal(freeRangeStart(parseSubIds('a:0:0\n')), 100000);
});

test('appending keeps the existing bytes', () => {
  assert.equal(appendLine('', 'x:1:2'), 'x:1:2\n');
  assert.equal(appendLine('a:1:2\n', 'x:3:4'), 'a:1:2\nx:3:4\n');
  assert.equal(appendLine('a:1:2', 'x:3:4'), 'a:1:2\nx:3:4\n');
});

test('ensureSubIdRange appends once, keeps mode, and leaves no lock behind', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'subid-'));
  try {
    const f = join(dir, 'subuid');
    writeFileSync(f, 'alice:100000:65536\n', { mode: 0o640 });
    const got = await ensureSubIdRange(f, 'berth-remap', 998);
    assert.deepEqual(got, [{ name: 'berth-remap', start: 165536, count: 65536 }]);
    assert.equal(readFileSync(f, 'utf8'), 'alice:100000:65536\nberth-remap:165536:65536\n');
    assert.equal(statSync(f).mode & 0o777, 0o640);
    assert.deepEqual(await ensureSubIdRange(f, 'berth-remap', 998), got);
    assert.equal(readFileSync(f, 'utf8').split('\n').length, 3);
    assert.ok(!existsSync(`${f}.lock`));
    // A stale lock (its process is gone) does not block.
    writeFileSync(`${f}.lock`, '999999999');
    await ensureSubIdRange(f, 'other', 5);
    assert.match(readFileSync(f, 'utf8'), /other:231072:65536\n$/);
    assert.deepEqual(await readSubIds(join(dir, 'missing'), 'x', 1), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
