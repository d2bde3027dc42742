// `berth compose config` as a user runs it: the project found from the
// working directory, .env and -p honoured, the resolved model printed, and a
// bad file refused with exit 1 and the file and key named. No daemon needed:
// config only reads files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const BERTH = join(__dirname, '..', '..', '..', 'bin', 'berth');

function inDir(files: Record<string, string>, args: string[], env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'composecfg-'));
  try {
    for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
    return spawnSync(BERTH, ['compose', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FILE = 'services:\n  web:\n    image: busybox\n    ports: ["${PORT:-8080}:80"]\n    volumes: [data:/d]\n  db:\n    image: busybox\nvolumes:\n  data: {}\n';

test('compose config prints the resolved model; --services, --volumes, -q, -p', () => {
  const r = inDir({ 'compose.yaml': FILE, '.env': 'PORT=9999\n' }, ['-p', 'demo', 'config']);
  assert.equal(r.status, 0, r.stderr);
  const doc = parse(r.stdout);
  assert.equal(doc.name, 'demo');
  assert.deepEqual(doc.services.web.ports, [{ target: 80, published: '9999', protocol: 'tcp', mode: 'ingress' }]);
  assert.equal(doc.volumes.data.name, 'demo_data');
  assert.equal(doc.networks.default.name, 'demo_default');
  assert.deepEqual(inDir({ 'compose.yaml': FILE }, ['config', '--services']).stdout.trim().split('\n').sort(), ['db', 'web']);
  assert.equal(inDir({ 'compose.yaml': FILE }, ['config', '--volumes']).stdout.trim(), 'data');
  const q = inDir({ 'compose.yaml': FILE }, ['config', '-q']);
  assert.deepEqual([q.status, q.stdout], [0, '']);
});

test('compose config refuses bad files with exit 1, naming the file and key', () => {
  const unknown = inDir({ 'compose.yaml': 'services:\n  a: {image: x, colour: red}\n' }, ['config']);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /compose\.yaml: services\.a additional properties 'colour' not allowed/);
  const missing = inDir({ 'compose.yaml': 'services:\n  a: {image: "${IMG:?IMG must be set}"}\n' }, ['config']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /required variable IMG is missing a value: IMG must be set/);
  const none = inDir({}, ['config']);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /no configuration file provided: not found/);
});
