// berth compose's verbs beyond up -d/ps/down, against a real berthd:
// attached up prints each container's lines behind its padded name and
// stops the project on SIGINT; --abort-on-container-exit and
// --exit-code-from exit with the right container's code; exec, run, port,
// logs, stop, start, restart, pause, unpause, rm and ls on a running
// service; a service with build: is built and runs; unknown services get
// compose's message and exit code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';

const BERTH = join(__dirname, '..', '..', '..', 'bin', 'berth');
let d: Daemon;
const tag = `c16${Date.now().toString(36)}`;
const projects: { name: string; dir: string }[] = [];

before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  for (const p of projects) {
    spawnSync(BERTH, ['compose', '-p', p.name, 'down', '-v', '-t', '0'], { cwd: p.dir, env: { ...process.env, BERTH_HOST: d.host } });
    rmSync(p.dir, { recursive: true, force: true });
  }
  await d?.stop();
});

/** A project of its own (name and directory) with this compose file. */
function project(suffix: string, yaml: string): { name: string; dir: string } {
  const p = { name: `${tag}${suffix}`, dir: mkdtempSync(join(tmpdir(), 'compose-verbs-')) };
  writeFileSync(join(p.dir, 'compose.yaml'), yaml);
  projects.push(p);
  return p;
}

function compose(p: { name: string; dir: string }, args: string[]) {
  return spawnSync(BERTH, ['compose', '-p', p.name, ...args], { cwd: p.dir, encoding: 'utf8', env: { ...process.env, BERTH_HOST: d.host }, input: '' });
}
function ok(p: { name: string; dir: string }, args: string[]) {
  const r = compose(p, args);
  assert.equal(r.status, 0, `compose ${args.join(' ')}: ${r.stderr}`);
  return r;
}
/** `compose up ARGS` running in the background, its output collected as it comes. */
function upInBackground(p: { name: string; dir: string }, args: string[] = []) {
  const child = spawn(BERTH, ['compose', '-p', p.name, 'up', ...args], { cwd: p.dir, env: { ...process.env, BERTH_HOST: d.host } });
  const r = { child, out: '', err: '', exited: new Promise<number | null>((res) => child.on('exit', (code) => res(code))) };
  child.stdout.on('data', (c) => (r.out += c));
  child.stderr.on('data', (c) => (r.err += c));
  return r;
}
const until = async (cond: () => boolean, tries = 150) => {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 100));
};
const state = (name: string) => d.docker(['inspect', '-f', '{{.State.Status}}', name]).stdout.trim();

// sh as PID 1 ignores SIGTERM unless it traps it: these stop at once, with a code of their own
const LOOP = (text: string, code: number) => `sh -c 'echo ${text}; trap "exit ${code}" TERM; while true; do sleep 0.1; done'`;

test('attached up: prefixed, padded logs of every container; SIGINT stops the project gracefully (exit 130)', async () => {
  const p = project('att', `services:\n  a:\n    image: busybox\n    command: ${JSON.stringify(LOOP('alpha ready', 0))}\n  bb:\n    image: busybox\n    command: ${JSON.stringify(LOOP('beta ready', 0))}\n`);
  const up = upInBackground(p);
  await until(() => up.out.includes('alpha ready') && up.out.includes('beta ready'));
  const { out, err } = up;
  // names padded to the longest ("bb-1") plus one, then " | "
  assert.match(out, /^a-1 {3}\| alpha ready$/m, out);
  assert.match(out, /^bb-1 {2}\| beta ready$/m, out);
  assert.match(out, /^Attaching to a-1, bb-1$/m);
  assert.match(err, new RegExp(` Container ${p.name}-bb-1  Started`));
  up.child.kill('SIGINT');
  assert.equal(await up.exited, 130, `stdout:\n${up.out}\nstderr:\n${up.err}`);
  assert.match(up.out, /^Gracefully stopping\.\.\. \(press Ctrl\+C again to force\)$/m);
  assert.match(up.err, new RegExp(` Container ${p.name}-a-1  Stopped`));
  assert.match(up.out, /^a-1 exited with code 0$/m);
  assert.equal(state(`${p.name}-a-1`), 'exited');
  assert.equal(state(`${p.name}-bb-1`), 'exited');
});

test('attached up: a second SIGINT kills what the first could not stop', async () => {
  // ignores SIGTERM: the graceful stop would wait out its 10 s
  const p = project('kill', `services:\n  stubborn:\n    image: busybox\n    command: sh -c 'trap "" TERM; echo stubborn up; while true; do sleep 0.1; done'\n`);
  const up = upInBackground(p);
  await until(() => up.out.includes('stubborn up'));
  up.child.kill('SIGINT');
  await until(() => up.err.includes('Stopping'), 50);
  const t0 = Date.now();
  up.child.kill('SIGINT');
  assert.equal(await up.exited, 130, `stdout:\n${up.out}\nstderr:\n${up.err}`);
  assert.ok(Date.now() - t0 < 8000, 'the second SIGINT did not cut the 10 s stop short');
  assert.match(up.err, new RegExp(` Container ${p.name}-stubborn-1  Killed`));
  assert.match(up.out, /^stubborn-1 exited with code 137$/m);
});

test('--abort-on-container-exit exits with the first exited container\'s code, --exit-code-from with the named service\'s', () => {
  const p = project('abort', `services:\n  quick:\n    image: busybox\n    command: sh -c "sleep 0.5; echo done; exit 3"\n  long:\n    image: busybox\n    command: ${JSON.stringify(LOOP('long up', 7))}\n`);
  const abort = compose(p, ['up', '--abort-on-container-exit']);
  assert.equal(abort.status, 3, abort.stdout + abort.stderr);
  assert.match(abort.stdout, /^quick-1 {2}\| done$/m);
  assert.match(abort.stdout, /^quick-1 exited with code 3$/m);
  assert.match(abort.stdout, /^Aborting on container exit\.\.\.$/m);
  assert.match(abort.stdout, /^long-1 exited with code 7$/m);
  assert.equal(state(`${p.name}-long-1`), 'exited');
  const from = compose(p, ['up', '--exit-code-from', 'long', '--no-log-prefix']);
  assert.equal(from.status, 7, from.stdout + from.stderr);
  assert.match(from.stdout, /^done$/m);
  const clash = compose(p, ['up', '-d', '--abort-on-container-exit']);
  assert.equal(clash.status, 1);
  assert.match(clash.stderr, /--detach and --abort-on-container-exit are incompatible/);
});

test('exec, run, port, logs, stop, start, restart, pause, unpause, ls and rm on a running service', async () => {
  const p = project('ops', `services:\n  web:\n    image: busybox\n    command: sh -c "echo web says hi; exec httpd -f -p 80"\n    stop_signal: SIGKILL\n    ports: ["127.0.0.1::80"]\n    environment: {FROM_FILE: yes}\n`);
  ok(p, ['up', '-d']);
  const web = `${p.name}-web-1`;

  const port = ok(p, ['port', 'web', '80']).stdout.trim();
  assert.match(port, /^127\.0\.0\.1:\d+$/);
  assert.match(d.docker(['port', web, '80']).stdout, new RegExp(port.replace(/\./g, '\\.')));
  const noPort = compose(p, ['port', 'web', '81']);
  assert.equal(noPort.status, 1);
  assert.match(noPort.stderr, new RegExp(`no port 81/tcp for container ${web}: 80/tcp`));

  const exec = compose(p, ['exec', '-T', '-e', 'GIVEN=by-flag', 'web', 'sh', '-c', 'echo $FROM_FILE $GIVEN; exit 4']);
  assert.equal(exec.status, 4, exec.stderr);
  assert.equal(exec.stdout, 'yes by-flag\n');
  assert.equal(ok(p, ['exec', '-T', '-w', '/etc', '-u', 'nobody', 'web', 'sh', '-c', 'pwd; id -un']).stdout, '/etc\nnobody\n');

  const run = compose(p, ['run', '--rm', '-T', 'web', 'sh', '-c', 'echo one-off $FROM_FILE; exit 5']);
  assert.equal(run.status, 5, run.stderr);
  assert.equal(run.stdout, 'one-off yes\n');
  const detached = ok(p, ['run', '-d', '--name', `${p.name}-job`, 'web', 'sleep', '30']).stdout.trim();
  assert.equal(detached, `${p.name}-job`);
  assert.equal(d.docker(['inspect', '-f', '{{index .Config.Labels "com.docker.compose.oneoff"}}', detached]).stdout.trim(), 'True');
  // a one-off publishes none of the service's ports
  assert.equal(d.docker(['port', detached]).stdout.trim(), '');
  // ps lists one-offs too, as compose's does
  assert.match(ok(p, ['ps', '--format', '{{.Name}} {{.Service}}']).stdout, new RegExp(`^${detached} web$`, 'm'));
  d.docker(['rm', '-f', detached]);

  assert.match(ok(p, ['logs', 'web']).stdout, /^web-1 {2}\| web says hi$/m);
  assert.equal(ok(p, ['logs', '--no-log-prefix', '--tail', '1', 'web']).stdout, 'web says hi\n');
  // on a terminal (script(1) gives one) each container's prefix is in its colour; --no-color drops it
  const onTty = (args: string[]) => spawnSync('script', ['-qec', [BERTH, 'compose', '-p', p.name, ...args].join(' '), '/dev/null'], { cwd: p.dir, encoding: 'utf8', env: { ...process.env, BERTH_HOST: d.host } }).stdout;
  assert.match(onTty(['logs', 'web']), /\x1b\[36mweb-1 {2}\| \x1b\[0mweb says hi\r?\n/);
  assert.doesNotMatch(onTty(['logs', '--no-color', 'web']), /\x1b\[/);

  assert.match(ok(p, ['stop']).stderr, new RegExp(` Container ${web}  Stopped`));
  assert.equal(state(web), 'exited');
  assert.match(ok(p, ['start']).stderr, new RegExp(` Container ${web}  Started`));
  assert.equal(state(web), 'running');
  const started = d.docker(['inspect', '-f', '{{.State.StartedAt}}', web]).stdout;
  assert.match(ok(p, ['restart', 'web']).stderr, new RegExp(` Container ${web}  Restarting`));
  assert.notEqual(d.docker(['inspect', '-f', '{{.State.StartedAt}}', web]).stdout, started);
  assert.match(ok(p, ['pause']).stderr, new RegExp(` Container ${web}  Paused`));
  assert.equal(state(web), 'paused');
  assert.match(ok(p, ['ps']).stdout, new RegExp(`^${web} .*Paused`, 'm'));
  ok(p, ['unpause']);
  assert.equal(state(web), 'running');
  assert.match(ok(p, ['kill', '-s', 'SIGKILL']).stderr, new RegExp(` Container ${web}  Killed`));
  assert.equal(state(web), 'exited');
  ok(p, ['start']);

  const ls = ok(p, ['ls']).stdout;
  assert.match(ls.split('\n')[0], /^NAME\s+STATUS\s+CONFIG FILES$/);
  assert.match(ls, new RegExp(`^${p.name}\\s+running\\(1\\)\\s+${join(p.dir, 'compose.yaml')}$`, 'm'));
  assert.ok(ok(p, ['ls', '-q']).stdout.split('\n').includes(p.name));
  assert.deepEqual(JSON.parse(ok(p, ['ls', '--format', 'json', '--filter', `name=${p.name}`]).stdout), [{ Name: p.name, Status: 'running(1)', ConfigFiles: join(p.dir, 'compose.yaml') }]);

  assert.match(ok(p, ['rm', '-f']).stderr, /^No stopped containers$/m);
  assert.equal(state(web), 'running');
  const rm = ok(p, ['rm', '-f', '-s']);
  assert.match(rm.stdout, new RegExp(`^Going to remove ${web}$`, 'm'));
  assert.match(rm.stderr, new RegExp(` Container ${web}  Removed`));
  assert.equal(d.docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${p.name}`]).stdout.trim(), '');
  assert.doesNotMatch(ok(p, ['ls', '-a']).stdout, new RegExp(`^${p.name}\\s`, 'm'));
});

test('a service with build: is built (context, dockerfile, args, target, labels) and runs', () => {
  const p = project('bld', `services:\n  app:\n    build:\n      context: ./src\n      dockerfile: app.Dockerfile\n      target: final\n      args: {GREETING: built-by-compose}\n      labels: {svc.label: app}\n`);
  mkdirSync(join(p.dir, 'src'));
  writeFileSync(join(p.dir, 'src', 'app.Dockerfile'), 'FROM busybox AS base\nARG GREETING=default\nRUN echo "$GREETING" > /greeting\nFROM base AS final\nCMD ["cat", "/greeting"]\nFROM base AS other\nCMD ["echo", "wrong stage"]\n');
  const build = ok(p, ['build']);
  assert.match(build.stdout, new RegExp(`Successfully tagged ${p.name}-app:latest`));
  assert.equal(d.docker(['image', 'inspect', '-f', '{{index .Config.Labels "svc.label"}}', `${p.name}-app`]).stdout.trim(), 'app');
  const up = ok(p, ['up']);
  assert.match(up.stdout, /^app-1 {2}\| built-by-compose$/m);
  assert.match(up.stdout, /^app-1 exited with code 0$/m);
  writeFileSync(join(p.dir, 'src', 'app.Dockerfile'), 'FROM busybox AS final\nCMD ["echo", "rebuilt"]\n');
  assert.match(ok(p, ['up', '--build']).stdout, /^app-1 {2}\| rebuilt$/m);
  // --rmi local: the images compose named itself (no image: in the file) go with the project
  assert.match(ok(p, ['down', '--rmi', 'local']).stderr, new RegExp(` Image ${p.name}-app  Removed`));
  assert.equal(d.docker(['images', '-q', `${p.name}-app`]).stdout.trim(), '');
});

test('top, images, cp, events and version', async () => {
  const p = project('misc', `services:
  box:
    image: busybox
    command: sleep 300
    stop_signal: SIGKILL
`);
  ok(p, ['up', '-d']);
  const box = `${p.name}-box-1`;
  const top = ok(p, ['top']).stdout.split('\n');
  assert.equal(top[0], box);
  assert.match(top[1], /^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$/);
  assert.match(top[2], /sleep 300$/);
  const images = ok(p, ['images']).stdout.split('\n');
  assert.match(images[0], /^CONTAINER\s+REPOSITORY\s+TAG\s+IMAGE ID\s+SIZE$/);
  assert.match(images[1], new RegExp(`^${box}\\s+busybox\\s+latest\\s+[0-9a-f]{12}\\s`));

  writeFileSync(join(p.dir, 'in.txt'), 'copied in\n');
  ok(p, ['cp', 'in.txt', 'box:/tmp/']);
  assert.equal(d.docker(['exec', box, 'cat', '/tmp/in.txt']).stdout, 'copied in\n');
  ok(p, ['cp', 'box:/tmp/in.txt', join(p.dir, 'out.txt')]);
  assert.equal(spawnSync('cat', [join(p.dir, 'out.txt')], { encoding: 'utf8' }).stdout, 'copied in\n');

  const events = spawn(BERTH, ['compose', '-p', p.name, 'events'], { cwd: p.dir, env: { ...process.env, BERTH_HOST: d.host } });
  let seen = '';
  events.stdout.on('data', (c) => (seen += c));
  await new Promise((r) => setTimeout(r, 500));
  ok(p, ['restart']);
  for (let i = 0; i < 50 && !/ container restart /.test(seen); i++) await new Promise((r) => setTimeout(r, 100));
  events.kill('SIGTERM');
  const id = d.docker(['inspect', '-f', '{{.Id}}', box]).stdout.trim();
  assert.match(seen, new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} container start ${id} \\(image=busybox, name=${box}\\)$`, 'm'), seen);

  assert.equal(ok(p, ['version']).stdout, 'Docker Compose version v2.29.0\n');
  assert.equal(ok(p, ['version', '--short']).stdout, '2.29.0\n');
});

// a container with a healthcheck must be healthy: one that exits first fails the wait (without a healthcheck, running is enough)
test('up --wait: running and healthy, or exit 1 naming the container that failed', () => {
  const p = project('wait', `services:\n  ok:\n    image: busybox\n    command: sh -c "sleep 1; touch /ready; exec sleep 300"\n    stop_signal: SIGKILL\n    healthcheck: {test: "test -f /ready", interval: 1s, retries: 20}\n  bad:\n    image: busybox\n    command: sh -c "sleep 0.3; exit 2"\n    healthcheck: {test: "true", interval: 2s}\n    profiles: [bad]\n`);
  const up = ok(p, ['up', '--wait']);
  assert.match(up.stderr, new RegExp(` Container ${p.name}-ok-1  Healthy`));
  assert.equal(d.docker(['inspect', '-f', '{{.State.Health.Status}}', `${p.name}-ok-1`]).stdout.trim(), 'healthy');
  const bad = compose(p, ['--profile', 'bad', 'up', '--wait', 'bad']);
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stderr, new RegExp(`container ${p.name}-bad-1 exited \\(2\\)`));
});

test('unknown services and containers that are not there get compose\'s messages (exit 1)', () => {
  const p = project('err', 'services:\n  one:\n    image: busybox\n    command: sleep 30\n');
  for (const args of [['logs', 'nope'], ['stop', 'nope'], ['exec', 'nope', 'true'], ['run', 'nope'], ['port', 'nope', '80'], ['up', '-d', 'nope']]) {
    const r = compose(p, args);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^no such service: nope$/m, args.join(' '));
  }
  const notRunning = compose(p, ['exec', 'one', 'true']);
  assert.equal(notRunning.status, 1);
  assert.match(notRunning.stderr, /^service "one" is not running$/m);
  const noContainer = compose(p, ['start']);
  assert.equal(noContainer.status, 1);
  assert.match(noContainer.stderr, /^service "one" has no container to start$/m);
});
