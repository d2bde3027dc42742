import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDotenv } from './dotenv';
import { interpolate, InterpolationError } from './interpolate';
import { loadProject } from './load';
import { parsePorts, startOrder } from './normalize';
import { shellWords } from './shell-words';

test('interpolation: the forms of the Compose Specification', () => {
  const env: Record<string, string> = { A: 'x', E: '' };
  const look = (k: string) => env[k];
  const unset: string[] = [];
  const i = (s: string) => interpolate(s, look, (n) => unset.push(n));
  assert.equal(i('$A ${A} $$A ${B:-d} ${E:-d} ${E-d} ${B-d} ${A:+y} ${B:+y} ${B:-${A}}'), 'x x $A d d  d y  x');
  assert.equal(i('cost 5$ and $B'), 'cost 5$ and ');
  assert.deepEqual(unset, ['B']);
  assert.throws(() => i('${B:?need B}'), (e: Error) => e instanceof InterpolationError && /required variable B is missing a value: need B/.test(e.message));
  assert.throws(() => i('${E:?}'), InterpolationError);
  assert.equal(i('${E?}'), '');
  assert.throws(() => i('${A'), /Invalid template/);
});

test('.env: quotes, export, comments', () => {
  assert.deepEqual(parseDotenv('# c\nexport A=1\nB="two\\nlines"\nC=\'$x y\'\nD=plain # note\nE=\n', '.env'), { A: '1', B: 'two\nlines', C: '$x y', D: 'plain', E: '' });
});

test('ports and command words', () => {
  assert.deepEqual(parsePorts(['80', '8080:80', '127.0.0.1:9000:90/udp', '8000-8001:80-81', { target: 53, published: 5353, protocol: 'udp' }], 'p'), [
    { target: 80, protocol: 'tcp', mode: 'ingress' },
    { target: 80, published: '8080', protocol: 'tcp', mode: 'ingress' },
    { target: 90, published: '9000', host_ip: '127.0.0.1', protocol: 'udp', mode: 'ingress' },
    { target: 80, published: '8000', protocol: 'tcp', mode: 'ingress' },
    { target: 81, published: '8001', protocol: 'tcp', mode: 'ingress' },
    { target: 53, published: '5353', protocol: 'udp', mode: 'ingress' },
  ]);
  assert.deepEqual(shellWords(`sh -c "echo \\"hi\\" $x" 'a b'`), ['sh', '-c', 'echo "hi" $x', 'a b']);
});

function project(files: Record<string, string>, opts: { env?: Record<string, string>; profiles?: string[]; files?: string[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'My Proj.'));
  try {
    for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
    const warnings: string[] = [];
    const p = loadProject({ env: opts.env ?? {}, cwd: dir, files: opts.files, profiles: opts.profiles, warn: (m) => warnings.push(m) });
    return { p, warnings, dir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('load: name from the directory, .env, override file merged, anchors, extends, profiles, x- keys', () => {
  const { p, warnings } = project({
    'compose.yaml': `version: "3.8"
x-common: &common
  restart: unless-stopped
  labels: [tier=app]
services:
  web:
    <<: *common
    image: \${IMG:-busybox}
    command: sh -c "httpd -f"
    ports: ["\${PORT}:80"]
    environment: [A=1, B]
    volumes: [data:/data, ./site:/www:ro, /anon]
    depends_on: { db: { condition: service_healthy } }
  db:
    extends: base
    healthcheck: { test: "true", interval: 1s }
  base:
    image: busybox
    environment: { X: from-base }
  debug:
    image: busybox
    profiles: [debug]
volumes:
  data: {}
`,
    'compose.override.yaml': 'services:\n  web:\n    ports: ["9090:90"]\n    environment: { A: "2" }\n',
    '.env': 'PORT=8080\n',
  }, { env: { B: 'fromshell' } });
  assert.match(p.name, /^myproj/);
  assert.deepEqual(Object.keys(p.services).sort(), ['base', 'db', 'web']);
  const web = p.services.web;
  assert.equal(web.image, 'busybox');
  assert.equal(web.restart, 'unless-stopped');
  assert.deepEqual(web.labels, { tier: 'app' });
  assert.deepEqual(web.command, ['sh', '-c', 'httpd -f']);
  assert.deepEqual(web.ports.map((x) => `${x.published}:${x.target}`), ['8080:80', '9090:90']);
  assert.deepEqual(web.environment, { A: '2', B: 'fromshell' });
  assert.deepEqual(web.volumes.map((v) => [v.type, v.source?.replace(/.*\//, ''), v.target, !!v.read_only]), [['volume', 'data', '/data', false], ['bind', 'site', '/www', true], ['volume', undefined, '/anon', false]]);
  assert.deepEqual(web.depends_on, { db: { condition: 'service_healthy', required: true } });
  assert.deepEqual(p.services.db.environment, { X: 'from-base' });
  assert.deepEqual(p.services.db.healthcheck, { test: ['CMD-SHELL', 'true'], interval: '1s' });
  assert.equal(p.volumes.data.name, `${p.name}_data`);
  assert.equal(p.networks.default.name, `${p.name}_default`);
  assert.deepEqual(startOrder(p).indexOf('db') < startOrder(p).indexOf('web'), true);
  assert.ok(warnings.some((w) => /`version` is obsolete/.test(w)));
  assert.deepEqual(Object.keys(project({ 'compose.yaml': 'services:\n  a: {image: x}\n  b: {image: x, profiles: [p]}\n' }, { profiles: ['p'] }).p.services), ['a', 'b']);
});

test('load: bad files are clear errors naming file and key', () => {
  const bad = (yaml: string, re: RegExp, env: Record<string, string> = {}) =>
    assert.throws(() => project({ 'compose.yaml': yaml }, { env }), (e: Error) => re.test(e.message));
  bad('services:\n  web:\n    image: x\n    colour: red\n', /compose\.yaml: services\.web additional properties 'colour' not allowed/);
  bad('services:\n  web:\n    image: x\n    ports: 80\n', /services\.web\.ports must be a array/);
  bad('services:\n  web:\n    image: "${NEED:?set NEED}"\n', /required variable NEED is missing a value: set NEED/);
  bad('services:\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [a]}\n', /dependency cycle detected: a -> b -> a/);
  bad('services:\n  a: {image: x, depends_on: [zz]}\n', /service "a" depends on undefined service "zz"/);
  bad('services:\n  a: {image: x, volumes: ["nope:/x"]}\n', /service "a" refers to undefined volume nope/);
  bad('services:\n  a: {image: x, networks: [nope]}\n', /service "a" refers to undefined network nope/);
  bad('services:\n  a: {image: x, secrets: [s]}\n', /services\.a\.secrets: berth compose does not support "secrets" yet/);
  bad('services:\n  a: [\n', /yaml: .*compose\.yaml/);
  bad('services:\n  a: {command: x}\n', /service "a" has neither an image nor a build context specified/);
});
