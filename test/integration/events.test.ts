// events: history replay with --since/--until, live streaming, filters and
// --format, through the berth CLI, the docker CLI and the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, startTestDaemon, type Daemon } from './harness';

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

const nowSecs = (): string => (Date.now() / 1000).toFixed(9);

test('history: container, exec, image and volume actions replay with --since/--until in docker\'s line format', async () => {
  const since = nowSecs();
  const id = ok(['run', '-d', '--name', 'ev1', '--label', 'tier=front', '-v', 'evvol:/data', 'busybox', 'sleep', '300']).trim();
  assert.equal(d.berth(['exec', 'ev1', 'sh', '-c', 'exit 3']).code, 3);
  ok(['pause', 'ev1']);
  ok(['unpause', 'ev1']);
  ok(['rename', 'ev1', 'ev2']);
  ok(['kill', 'ev2']);
  ok(['wait', 'ev2']);
  ok(['rm', 'ev2']);
  ok(['tag', 'busybox', 'evtag:1']);
  ok(['rmi', 'evtag:1']);
  ok(['volume', 'rm', 'evvol']);
  await new Promise((r) => setTimeout(r, 50));
  const until = nowSecs();
  const out = ok(['events', '--since', since, '--until', until]);
  const lines = out.trim().split('\n');
  const actions = lines.map((l) => l.split(' ').slice(1, 3).join(' '));
  const want = [
    'container create',
    'volume mount',
    'container start',
    'container exec_create:',
    'container exec_start:',
    'container exec_die',
    'container pause',
    'container unpause',
    'container rename',
    'container kill',
    'container die',
    'volume unmount',
    'container destroy',
    'image tag',
    'image untag',
    'volume destroy',
  ];
  let at = 0;
  for (const a of actions) if (at < want.length && a === want[at]) at++;
  assert.equal(at, want.length, `missing ${want[at]} in:\n${out}`);
  assert.ok(actions.indexOf('volume create') < actions.indexOf('volume mount'), out);
  const start = lines.find((l) => / container start /.test(l))!;
  assert.match(start, new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}(Z|[+-]\\d\\d:\\d\\d) container start ${id} \\(image=busybox, name=ev1, tier=front\\)$`));
  assert.match(out, / container exec_die [0-9a-f]{64} \(execID=[0-9a-f]{64}, exitCode=3, image=busybox, name=ev1, tier=front\)/);
  assert.match(out, / container die [0-9a-f]{64} \(exitCode=137, image=busybox, name=ev2, tier=front\)/);
  assert.match(out, / container kill [0-9a-f]{64} \(image=busybox, name=ev2, signal=9, tier=front\)/);
  assert.match(out, / container rename [0-9a-f]{64} \(image=busybox, name=ev2, oldName=\/ev1, tier=front\)/);
  assert.match(out, / container exec_create: sh -c exit 3 /);
  assert.match(out, / volume mount evvol \(container=[0-9a-f]{64}, destination=\/data, driver=local, propagation=\S*, read\/write=true\)/);

  // docker CLI: same history, filtered and formatted
  const dk = d.docker(['events', '--since', since, '--until', until, '--filter', 'type=container', '--filter', 'event=die', '--format', '{{json .}}']);
  assert.equal(dk.code, 0, dk.stderr);
  const dies = dk.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(dies.length, 1, dk.stdout);
  assert.equal(dies[0].status, 'die');
  assert.equal(dies[0].id, id);
  assert.equal(dies[0].from, 'busybox');
  assert.equal(dies[0].Actor.Attributes.exitCode, '137');
  assert.equal(dies[0].scope, 'local');
  assert.match(String(dies[0].timeNano), /^\d{19}$/);
  const byName = d.docker(['events', '--since', since, '--until', until, '--filter', 'container=ev2', '--format', '{{.Action}}']);
  assert.equal(byName.code, 0, byName.stderr);
  assert.deepEqual(byName.stdout.trim().split('\n'), ['rename', 'kill', 'die', 'destroy']);
  const execs = ok(['events', '--since', since, '--until', until, '--filter', 'event=exec_start', '--format', '{{.Action}} {{.Actor.Attributes.name}}']);
  assert.equal(execs, 'exec_start: sh -c exit 3 ev1\n');
  const labelled = ok(['events', '--since', since, '--until', until, '--filter', 'label=tier=front', '--filter', 'event=start']);
  assert.equal(labelled.trim().split('\n').length, 1);
  const vols = ok(['events', '--since', since, '--until', until, '--filter', 'volume=evvol', '--format', '{{.Type}} {{.Action}}']);
  assert.deepEqual(vols.trim().split('\n'), ['volume create', 'volume mount', 'volume unmount', 'volume destroy']);
  const imgs = d.docker(['events', '--since', since, '--until', until, '--filter', 'image=evtag', '--format', '{{.Action}} {{.Actor.Attributes.name}}']);
  assert.equal(imgs.code, 0, imgs.stderr);
  // like dockerd, untag names the image by its ID, so a name filter sees only the tag
  assert.equal(imgs.stdout, 'tag evtag:1\n');

  // the API: an until in the past ends the stream after the replay; RFC 3339 works too
  const api = await d.api('GET', `/v1.47/events?since=${since}&until=${until}&filters=${encodeURIComponent('{"type":{"image":true}}')}`);
  assert.equal(api.status, 200);
  assert.ok(api.body.trim().split('\n').every((l) => JSON.parse(l).Type === 'image'));
  const rfc = await d.api('GET', `/events?since=${new Date(Number(since) * 1000 - 1000).toISOString()}&until=${until}`);
  assert.equal(rfc.status, 200);
  assert.ok(rfc.body.includes('"Action":"destroy"'));
});

test('bad filters and times are 400 with docker\'s message; the CLI exits 1', async () => {
  const r = await d.api('GET', `/events?filters=${encodeURIComponent('{"bogus":{"x":true}}')}`);
  assert.equal(r.status, 400);
  assert.equal(r.json.message, "invalid filter 'bogus'");
  assert.equal((await d.api('GET', '/events?since=yesterday')).status, 400);
  const cli = d.berth(['events', '--filter', 'type=nope', '--until', '0']);
  assert.equal(cli.code, 1);
  assert.match(cli.stderr, /invalid filter 'type=nope'/);
  const bad = d.berth(['events', '--since', 'soon']);
  assert.equal(bad.code, 1);
  const tmpl = d.berth(['events', '--format', '{{.Nope}}']);
  assert.notEqual(tmpl.code, 0);
});

test('live stream: berth events and docker events see new events as they happen, filtered', async () => {
  const follow = (bin: string, args: string[]) => {
    const p = spawn(bin, args, { env: { ...process.env, BERTH_HOST: d.host, DOCKER_HOST: d.host } });
    let out = '';
    p.stdout.on('data', (c) => (out += c));
    return {
      waitFor: async (re: RegExp) => {
        for (let i = 0; i < 300 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 100));
        return out;
      },
      stop: () => p.kill('SIGTERM'),
      exited: new Promise<number | null>((res) => p.once('exit', (c) => res(c))),
    };
  };
  const berth = follow(join(ROOT, 'bin', 'berth'), ['events', '--filter', 'container=live1']);
  const docker = follow('/usr/local/bin/docker', ['events', '--filter', 'container=live1', '--filter', 'event=start', '--format', '{{.Action}} {{.Actor.Attributes.name}}']);
  // until in the future: the stream ends by itself
  const bounded = follow('/usr/local/bin/docker', ['events', '--until', String(Math.floor(Date.now() / 1000) + 4)]);
  await new Promise((r) => setTimeout(r, 1000));
  try {
    ok(['run', '-d', '--name', 'other', 'busybox', 'true']);
    ok(['run', '-d', '--name', 'live1', 'busybox', 'true']);
    const b = await berth.waitFor(/container die /);
    assert.match(b, / container create [0-9a-f]{64} \(image=busybox, name=live1\)\n/);
    assert.match(b, / container start /);
    assert.doesNotMatch(b, /name=other/);
    assert.equal(await docker.waitFor(/start live1\n/), 'start live1\n');
    assert.equal(await bounded.exited, 0);
  } finally {
    berth.stop();
    docker.stop();
    bounded.stop();
  }
});

test('network actions: create, connect, disconnect, destroy — and the network= filter — for both CLIs', async () => {
  const since = nowSecs();
  const netId = ok(['network', 'create', 'evnet']).trim();
  const cid = ok(['run', '-d', '--name', 'evnetc', '--network', 'evnet', 'busybox', 'sleep', '300']).trim();
  ok(['rm', '-f', 'evnetc']);
  ok(['network', 'rm', 'evnet']);
  await new Promise((r) => setTimeout(r, 50));
  const until = nowSecs();
  for (const cli of ['berth', 'docker'] as const) {
    const r = d[cli](['events', '--since', since, '--until', until, '--filter', 'type=network', '--format', '{{.Action}} {{.Actor.ID}} {{index .Actor.Attributes "name"}} {{index .Actor.Attributes "container"}}']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => l.trimEnd());
    assert.deepEqual(lines, [`create ${netId} evnet`, `connect ${netId} evnet ${cid}`, `disconnect ${netId} evnet ${cid}`, `destroy ${netId} evnet`]);
    const byNet = d[cli](['events', '--since', since, '--until', until, '--filter', 'network=evnet', '--format', '{{.Type}} {{.Action}}']);
    assert.deepEqual(byNet.stdout.trim().split('\n'), ['network create', 'network connect', 'network disconnect', 'network destroy']);
  }
});
