#!/usr/bin/env node
// Runs every compiled test with node's built-in runner: unit tests next to the
// code (dist/src/**/*.test.js) and integration tests (dist/test/**/*.test.js),
// one file at a time, since integration suites start their own berthd.
'use strict';
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const root = join(__dirname, '..', 'dist');
const filter = process.argv.slice(2);
let files = [...find(join(root, 'src')), ...find(join(root, 'test'))].sort();
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
// The spec reporter for people, TAP into a file for the closing summary line.
const tap = join(require('node:os').tmpdir(), `berth-tests-${process.pid}.tap`);
const r = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { stdio: 'inherit' },
);
let summary = '';
try {
  const text = require('node:fs').readFileSync(tap, 'utf8');
  const count = (k) => Number((new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text) || [])[1] || 0);
  summary = `${count('pass')} passed, ${count('fail')} failed, ${count('skipped') + count('todo')} skipped`;
  require('node:fs').rmSync(tap, { force: true });
} catch {
  summary = '0 passed, 1 failed';
}
console.log(summary);
process.exit(r.status ?? 1);
