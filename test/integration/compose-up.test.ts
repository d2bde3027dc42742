// berth compose up -d / ps / down against a real berthd: a two-service
// project (healthcheck + depends_on service_healthy, a named volume, a
// published port) answers HTTP; `up` again keeps what did not change and
// recreates what did; --scale adds and removes containers; down -v leaves no
// container, network or volume of the project. Names and labels are docker
// compose's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';

const BERTH = join(__dirname, '..', '..', '..', 'bin', 'berth');
let d: Daemon;
let dir: string;
const project = `cz${Date.now().toString(36)}`;

before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  dir = mkdtempSync(join(tmpdir(), 'compose-up-'));
});
after(async () => {
  compose(['down', '-v', '-t', '1']);
  await d?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function compose(args: string[]) {
  return spawnSync(BERTH, ['compose', '-p', project, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, BERTH_HOST: d.host } });
}
function ok(args: string[]): { stdout: string; stderr: string } {
  const r = compose(args);
  assert.equal(r.status, 0, `compose ${args.join(' ')}: ${r.stderr}`);
  return r;
}
function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}
const file = (port: number, text: string) => `services:
  web:
    image: busybox
    command: sh -c "echo ${text} > /www/index.html; exec httpd -f -p 80 -h /www"
    ports: ["127.0.0.1:${port}:80"]
    volumes: [data:/www]
    depends_on:
      db: {condition: service_healthy}
  db:
    image: busybox
    command: sh -c "touch /ready; exec sleep 3600"
    stop_signal: SIGKILL
    healthcheck: {test: "test -f /ready", interval: 1s, retries: 10}
volumes:
  data: {}
`;

async function get(port: number): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const r = spawnSync('curl', ['-s', '-m', '2', `http://127.0.0.1:${port}/`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout) return r.stdout.trim();
    await new Promise((res) => setTimeout(res, 100));
  }
  return '';
}

test('up -d, ps, recreate what changed, scale, down -v', async () => {
  const port = await freePort();
  writeFileSync(join(dir, 'compose.yaml'), file(port, 'hello'));
  const up = ok(['up', '-d']);
  for (const line of [` Network ${project}_default  Created`, ` Volume ${project}_data  Created`, ` Container ${project}-db-1  Started`, ` Container ${project}-web-1  Started`]) {
    assert.ok(up.stderr.includes(line), `missing "${line}" in:\n${up.stderr}`);
  }
  // db was healthy before web started (depends_on service_healthy)
  assert.ok(up.stderr.indexOf(`${project}-db-1  Started`) < up.stderr.indexOf(`${project}-web-1  Creating`));
  assert.equal(await get(port), 'hello');
  const ps = ok(['ps']).stdout.split('\n');
  assert.match(ps[0], /^NAME\s+IMAGE\s+COMMAND\s+SERVICE\s+CREATED\s+STATUS\s+PORTS$/);
  assert.match(ps.find((l) => l.startsWith(`${project}-web-1`)) ?? '', new RegExp(`busybox .* web .* Up .*127\\.0\\.0\\.1:${port}->80/tcp`));
  const labels = JSON.parse(d.docker(['inspect', '-f', '{{json .Config.Labels}}', `${project}-web-1`]).stdout);
  assert.equal(labels['com.docker.compose.project'], project);
  assert.equal(labels['com.docker.compose.service'], 'web');
  assert.equal(labels['com.docker.compose.container-number'], '1');
  assert.equal(labels['com.docker.compose.project.working_dir'], dir);
  assert.match(d.docker(['inspect', '-f', `{{json .NetworkSettings.Networks}}`, `${project}-web-1`]).stdout, /"Aliases":\[[^\]]*"web"/);

  const idsBefore = ok(['ps', '-q']).stdout.trim().split('\n').sort();
  const again = ok(['up', '-d']);
  assert.match(again.stderr, / Container \S+-db-1  Running/);
  assert.deepEqual(ok(['ps', '-q']).stdout.trim().split('\n').sort(), idsBefore);

  writeFileSync(join(dir, 'compose.yaml'), file(port, 'changed'));
  const changed = ok(['up', '-d']);
  assert.match(changed.stderr, / Container \S+-web-1  Recreated/);
  assert.match(changed.stderr, / Container \S+-db-1  Running/);
  assert.equal(await get(port), 'changed');

  ok(['up', '-d', '--scale', 'db=3']);
  assert.deepEqual(ok(['ps', '--format', '{{.Name}}']).stdout.trim().split('\n').sort(), [`${project}-db-1`, `${project}-db-2`, `${project}-db-3`, `${project}-web-1`]);
  ok(['up', '-d']);
  assert.equal(ok(['ps', '-q', 'db']).stdout.trim().split('\n').length, 1);

  const down = ok(['down', '-v', '-t', '1']);
  assert.match(down.stderr, new RegExp(` Network ${project}_default  Removed`));
  assert.match(down.stderr, new RegExp(` Volume ${project}_data  Removed`));
  const left = (args: string[]) => d.docker([...args, '--filter', `label=com.docker.compose.project=${project}`, '-q']).stdout.trim();
  assert.equal(left(['ps', '-a']), '');
  assert.equal(left(['network', 'ls']), '');
  assert.equal(left(['volume', 'ls']), '');
});

test('up refuses what it cannot do and creates nothing', () => {
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: busybox\n    depends_on: [b]\n  b:\n    image: busybox\n    depends_on: [a]\n');
  const cycle = compose(['up', '-d']);
  assert.equal(cycle.status, 1);
  assert.match(cycle.stderr, /dependency cycle detected: a -> b -> a/);
  assert.equal(d.docker(['network', 'ls', '--filter', `label=com.docker.compose.project=${project}`, '-q']).stdout.trim(), '');
});

test('docker compose (the stock docker CLI with berth compose as its plugin): up -d, ps, down', () => {
  // The plugin from this checkout, in a docker config of the test's own (the CLI looks in $DOCKER_CONFIG/cli-plugins).
  const cfg = mkdtempSync(join(tmpdir(), 'compose-plugin-'));
  try {
    spawnSync('mkdir', ['-p', join(cfg, 'cli-plugins')]);
    spawnSync('ln', ['-s', join(__dirname, '..', '..', '..', 'bin', 'docker-compose'), join(cfg, 'cli-plugins', 'docker-compose')]);
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  one:\n    image: busybox\n    command: sleep 3600\n    stop_signal: SIGKILL\n');
    const docker = (args: string[]) => spawnSync('docker', ['-H', d.host, 'compose', '-p', `${project}p`, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, DOCKER_CONFIG: cfg } });
    const help = spawnSync('docker', ['--help'], { encoding: 'utf8', env: { ...process.env, DOCKER_CONFIG: cfg } });
    assert.match(help.stdout, /compose\*\s+Docker Compose \(berth compose\)/);
    const up = docker(['up', '-d']);
    assert.equal(up.status, 0, up.stderr);
    assert.match(up.stderr, new RegExp(` Container ${project}p-one-1  Started`));
    assert.match(docker(['ps']).stdout, new RegExp(`^${project}p-one-1\\s+busybox\\s+"sleep 3600"\\s+one\\s`, 'm'));
    const down = docker(['down']);
    assert.equal(down.status, 0, down.stderr);
    assert.equal(d.docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}p`]).stdout.trim(), '');
  } finally {
    rmSync(cfg, { recursive: true, force: true });
  }
});
