// Healthchecks: --health-* flags and the image's HEALTHCHECK, probes through
// conmon exec, .State.Health, ps STATUS and --filter health=, health_status
// events, timeouts that leave no process behind, resuming after a berthd restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  await d?.stop();
});

function ok(args: string[]): string {
  const r = d.berth(args);
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const health = async (name: string) => (await d.api('GET', `/containers/${name}/json`)).json.State.Health;

async function until<T>(what: string, f: () => Promise<T>, pred: (v: T) => boolean, tries = 200): Promise<T> {
  let v = await f();
  for (let i = 0; i < tries && !pred(v); i++) {
    await new Promise((r) => setTimeout(r, 100));
    v = await f();
  }
  assert.ok(pred(v), `${what}: ${JSON.stringify(v)}`);
  return v;
}

/** conmon processes of exec sessions of this daemon (probes must not leave any). */
function execConmons(): number {
  const r = spawnSync('pgrep', ['-f', `conmon.*${d.execRoot}/exec/`], { encoding: 'utf8' });
  return r.stdout.trim() ? r.stdout.trim().split('\n').length : 0;
}

test('healthy and unhealthy: ps STATUS, --filter health=, inspect .State.Health, health_status events', async () => {
  const since = (Date.now() / 1000).toFixed(9);
  ok(['run', '-d', '--name', 'good', '--health-cmd', 'echo fine', '--health-interval', '300ms', 'busybox', 'sleep', '300']);
  ok(['run', '-d', '--name', 'bad', '--health-cmd', 'echo nope >&2; exit 1', '--health-interval', '300ms', '--health-retries', '2', 'busybox', 'sleep', '300']);
  ok(['run', '-d', '--name', 'plain', 'busybox', 'sleep', '300']);
  ok(['run', '-d', '--name', 'later', '--health-cmd', 'true', 'busybox', 'sleep', '300']); // first probe in 30 s
  assert.match(ok(['ps', '--filter', 'name=later', '--format', '{{.Status}}']), /^Up .* \(health: starting\)\n$/);
  assert.equal((await health('later')).Status, 'starting');
  await until('good healthy', () => health('good'), (h) => h?.Status === 'healthy');
  const g = await until('good log full', () => health('good'), (h) => h.Log.length === 5);
  assert.equal(g.FailingStreak, 0);
  assert.deepEqual(Object.keys(g.Log[0]), ['Start', 'End', 'ExitCode', 'Output']);
  assert.equal(g.Log[0].Output, 'fine\n');
  assert.equal(g.Log[0].ExitCode, 0);
  assert.ok(Date.parse(g.Log[0].End) >= Date.parse(g.Log[0].Start));
  const b = await until('bad unhealthy', () => health('bad'), (h) => h?.Status === 'unhealthy');
  assert.ok(b.FailingStreak >= 2);
  assert.equal(b.Log[0].Output, 'nope\n');
  assert.equal(b.Log[0].ExitCode, 1);

  assert.match(ok(['ps', '--filter', 'name=good', '--format', '{{.Status}}']), /^Up .* \(healthy\)\n$/);
  assert.match(ok(['ps', '--filter', 'name=bad', '--format', '{{.Status}}']), /^Up .* \(unhealthy\)\n$/);
  assert.match(ok(['ps', '--filter', 'name=plain', '--format', '{{.Status}}']), /^Up [^(]*\n$/);
  assert.equal(ok(['ps', '--filter', 'health=healthy', '--format', '{{.Names}}']), 'good\n');
  assert.equal(ok(['ps', '--filter', 'health=starting', '--format', '{{.Names}}']), 'later\n');
  assert.equal(ok(['ps', '--filter', 'health=unhealthy', '--format', '{{.Names}}']), 'bad\n');
  assert.equal(ok(['ps', '--filter', 'health=none', '--format', '{{.Names}}']), 'plain\n');
  const dk = d.docker(['ps', '--filter', 'health=healthy', '--format', '{{.Names}} {{.Status}}']);
  assert.equal(dk.code, 0, dk.stderr);
  assert.match(dk.stdout, /^good Up .* \(healthy\)\n$/);
  const badFilter = d.docker(['ps', '--filter', 'health=sick']);
  assert.equal(badFilter.code, 1);
  assert.match(badFilter.stderr, /Unrecognised filter value for health: sick/);
  const dfmt = d.docker(['inspect', '--format', '{{.State.Health.Status}} {{.State.Health.FailingStreak}} {{len .State.Health.Log}}', 'good']);
  assert.equal(dfmt.stdout, 'healthy 0 5\n');

  const until_ = (Date.now() / 1000 + 0.001).toFixed(9);
  const ev = ok(['events', '--since', since, '--until', until_, '--filter', 'event=health_status', '--format', '{{.Action}} {{.Actor.Attributes.name}}']);
  assert.deepEqual(ev.trim().split('\n').sort(), ['health_status: healthy good', 'health_status: unhealthy bad']);
  // probes log exec_start and exec_die (not exec_create), like dockerd's
  const execs = ok(['events', '--since', since, '--until', until_, '--filter', 'container=good', '--format', '{{.Action}}']);
  assert.match(execs, /^exec_start: \/bin\/sh -c echo fine$/m);
  assert.match(execs, /^exec_die$/m);
  assert.doesNotMatch(execs, /exec_create/);
  ok(['rm', '-f', 'good', 'bad', 'plain', 'later']);
});

test('a probe past its timeout is killed: exit -1, docker\'s message, no exec conmon or directory left', async () => {
  ok(['run', '-d', '--name', 'slow', '--health-cmd', 'sleep 60', '--health-timeout', '300ms', '--health-interval', '200ms', '--health-retries', '1', 'busybox', 'sleep', '300']);
  const h = await until('slow unhealthy', () => health('slow'), (x) => x?.Status === 'unhealthy');
  assert.equal(h.Log[0].ExitCode, -1);
  assert.equal(h.Log[0].Output, 'Health check exceeded timeout (300ms)');
  ok(['rm', '-f', 'slow']);
  await until('exec conmons gone', async () => execConmons(), (n) => n === 0, 100);
  await until('exec dirs gone', async () => readdirSync(join(d.execRoot, 'exec')).length, (n) => n === 0, 100);
});

test('image HEALTHCHECK is used, --no-healthcheck turns it off, flags override parts; docker run too; bad values are 400', async () => {
  ok(['create', '--name', 'base', 'busybox', 'true']);
  const commit = await d.api('POST', '/commit?container=base&repo=hcimg&tag=1', { Healthcheck: { Test: ['CMD-SHELL', 'echo from-image'], Interval: 300_000_000, Retries: 4 } });
  assert.equal(commit.status, 201, commit.body);
  ok(['rm', 'base']);
  assert.equal(ok(['image', 'inspect', '--format', '{{json .Config.Healthcheck}}', 'hcimg:1']).trim(), '{"Test":["CMD-SHELL","echo from-image"],"Interval":300000000,"Retries":4}');
  ok(['run', '-d', '--name', 'img', 'hcimg:1', 'sleep', '300']);
  const h = await until('img healthy', () => health('img'), (x) => x?.Status === 'healthy');
  assert.equal(h.Log[0].Output, 'from-image\n');
  ok(['run', '-d', '--name', 'off', '--no-healthcheck', 'hcimg:1', 'sleep', '300']);
  assert.equal(ok(['inspect', '--format', '{{json .Config.Healthcheck.Test}}', 'off']).trim(), '["NONE"]');
  assert.equal(ok(['inspect', '--format', '{{json .State.Health}}', 'off']).trim(), 'null');
  ok(['run', '-d', '--name', 'mixed', '--health-retries', '9', 'hcimg:1', 'sleep', '300']);
  assert.equal(ok(['inspect', '--format', '{{json .Config.Healthcheck}}', 'mixed']).trim(), '{"Test":["CMD-SHELL","echo from-image"],"Interval":300000000,"Retries":9}');

  const dr = d.docker(['run', '-d', '--name', 'dock', '--health-cmd', 'true', '--health-interval', '300ms', '--health-start-period', '10s', '--health-start-interval', '200ms', 'busybox', 'sleep', '300']);
  assert.equal(dr.code, 0, dr.stderr);
  const cfg = JSON.parse(d.docker(['inspect', '--format', '{{json .Config.Healthcheck}}', 'dock']).stdout);
  assert.deepEqual(cfg, { Test: ['CMD-SHELL', 'true'], Interval: 300_000_000, StartPeriod: 10_000_000_000, StartInterval: 200_000_000 });
  await until('dock healthy', () => health('dock'), (x) => x?.Status === 'healthy');

  const bad = await d.api('POST', '/containers/create', { Image: 'busybox', Cmd: ['true'], Healthcheck: { Test: ['CMD', 'true'], Interval: 1000 } });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.message, 'Interval in Healthcheck cannot be less than 1ms');
  const neg = d.berth(['create', '--health-retries', '-1', 'busybox', 'true']);
  assert.equal(neg.code, 125);
  ok(['rm', '-f', 'img', 'off', 'mixed', 'dock']);
});

test('probing resumes after berthd restarts (live restore), keeping the log', async () => {
  ok(['run', '-d', '--name', 'keep', '--health-cmd', 'date +%s%N', '--health-interval', '300ms', 'busybox', 'sleep', '300']);
  const before_ = await until('keep healthy', () => health('keep'), (x) => x?.Status === 'healthy' && x.Log.length >= 2);
  await d.restart();
  const restartedAt = Date.now();
  const after_ = await until('new probes after restart', () => health('keep'), (x) => x.Log.some((l: { Start: string }) => Date.parse(l.Start) > restartedAt));
  assert.equal(after_.Status, 'healthy');
  // like dockerd, a stopped container's health monitor ends "unhealthy"; a start begins "starting" again
  ok(['stop', '-t', '0', 'keep']);
  assert.equal((await health('keep')).Status, 'unhealthy');
  assert.equal(ok(['ps', '-a', '--filter', 'health=unhealthy', '--format', '{{.Names}} {{.State}}']), 'keep exited\n');
  ok(['start', 'keep']);
  const restarted = await health('keep');
  // (starting, or healthy already if a probe ran since: the interval is short)
  assert.ok(['starting', 'healthy'].includes(restarted.Status), restarted.Status);
  assert.equal(restarted.FailingStreak, 0);
  assert.ok(after_.Log.some((l: { Start: string }) => l.Start === before_.Log[before_.Log.length - 1].Start) || after_.Log.length === 5);
  ok(['rm', '-f', 'keep']);
});
