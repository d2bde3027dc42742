// berthd runs from one bundled file, dist/src/daemon/berthd.js
// (scripts/build-daemon.js): these check what the bundle is for.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const BUNDLE = join(__dirname, 'berthd.js');

test('loading berthd makes V8 optimize nothing (TurboFan stays out of an idle berthd)', () => {
  // The same with dist/src/daemon/main.js, file by file, optimizes node's module-loader path functions (8 of them).
  const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
  const r = spawnSync(process.execPath, ['--trace-opt', BUNDLE, '--version'], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\d+\.\d+\.\d+$/m);
  assert.deepEqual(r.stdout.split('\n').filter((l) => l.includes('completed optimizing')), []);
});

test('the bundle requires at run time only node builtins, native addons and the packages that load them', () => {
  const external = new Set(['better-sqlite3/package.json', 'node-unix-socket', 'bufferutil', 'utf-8-validate']);
  const found = [...readFileSync(BUNDLE, 'utf8').matchAll(/\brequire(?:\.resolve)?\("([^"]+)"\)/g)].map((m) => m[1]);
  assert.ok(found.includes('node:fs'), 'the pattern finds the bundle\'s requires');
  const stray = found.filter((m) => !m.startsWith('node:') && !builtinModules.includes(m) && !external.has(m));
  assert.deepEqual([...new Set(stray)], []);
});
