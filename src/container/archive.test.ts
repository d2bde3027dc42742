import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { containerPath, goFileMode } from './archive';

test('containerPath keeps a trailing "/." or "/" after cleaning, like Docker', () => {
  assert.equal(containerPath('srv/../etc/'), '/etc/');
  assert.equal(containerPath('/a/b/.'), '/a/b/.');
  assert.equal(containerPath('/../..'), '/');
  assert.equal(containerPath('x//y'), '/x/y');
});

test("goFileMode: Go's os.FileMode bits for X-Docker-Container-Path-Stat", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-mode-'));
  try {
    writeFileSync(path.join(dir, 'f'), '');
    symlinkSync('f', path.join(dir, 'l'));
    assert.equal(goFileMode(lstatSync(dir)), 2 ** 31 + 0o700);
    assert.equal(goFileMode(lstatSync(path.join(dir, 'l'))), 2 ** 27 + 0o777);
    assert.equal(goFileMode(lstatSync('/dev/null')), 2 ** 26 + 2 ** 21 + 0o666);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
