import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { logFiles, shiftFiles } from './logrotate';
import { tailStart } from './logs';

const rec = (i: number) => `2026-01-01T00:00:00.0+00:00 stdout F line ${i}\n`;

test('shift keeps max-file files, oldest first in logFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-rot-'));
  try {
    const log = join(dir, 'container.log');
    for (let round = 1; round <= 4; round++) {
      writeFileSync(log, rec(round));
      shiftFiles(log, 3);
    }
    writeFileSync(log, rec(5));
    assert.deepEqual(logFiles(log), [`${log}.2`, `${log}.1`, log]);
    assert.deepEqual(logFiles(log).map((f) => readFileSync(f, 'utf8')), [rec(3), rec(4), rec(5)]);
    assert.deepEqual(logFiles(join(dir, 'nothing.log')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tailStart counts records back across rotated files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-rot-'));
  try {
    const log = join(dir, 'container.log');
    writeFileSync(`${log}.2`, rec(1) + rec(2) + rec(3));
    writeFileSync(`${log}.1`, rec(4) + rec(5));
    writeFileSync(log, rec(6));
    const files = logFiles(log);
    assert.deepEqual(tailStart(files, 1), { index: 2, offset: 0 });
    assert.deepEqual(tailStart(files, 3), { index: 1, offset: 0 });
    assert.deepEqual(tailStart(files, 4), { index: 0, offset: rec(1).length * 2 });
    assert.deepEqual(tailStart(files, 100), { index: 0, offset: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
