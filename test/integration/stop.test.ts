// Stop semantics and restart-policy interplay: --stop-signal, --stop-timeout,
// STOPSIGNAL from the image, SIGKILL after the timeout, --init reaping
// zombies, stop during a restart back-off, a manual start resetting
// RestartCount — with the berth CLI and the docker CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  await d?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ok = (args: string[]) => {
  const r = d.berth(args);
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const state = (name: string) => ok(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', name]).trim();
async function until(what: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !what(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(100);
  }
}
const USR1_TRAP = 'trap "echo got-usr1; exit 0" USR1; echo ready; while true; do sleep 0.1; done';

for (const cli of ['berth', 'docker'] as const) {
  test(`${cli}: --stop-signal reaches PID 1; --stop-timeout bounds a PID 1 that ignores TERM`, async () => {
    const run = (args: string[]) => d[cli](args);
    assert.equal(run(['run', '-d', '--name', `sig-${cli}`, '--stop-signal', 'USR1', 'busybox', 'sh', '-c', USR1_TRAP]).code, 0);
    await until(() => ok(['logs', `sig-${cli}`]).includes('ready'));
    assert.equal(run(['stop', `sig-${cli}`]).code, 0);
    assert.equal(state(`sig-${cli}`), 'exited 0');
    assert.match(ok(['logs', `sig-${cli}`]), /got-usr1/);

    assert.equal(run(['run', '-d', '--name', `deaf-${cli}`, '--stop-timeout', '1', 'busybox', 'sh', '-c', 'trap "" TERM; while true; do sleep 0.1; done']).code, 0);
    assert.equal(ok(['inspect', '-f', '{{.Config.StopTimeout}}', `deaf-${cli}`]).trim(), '1');
    assert.equal(run(['stop', `deaf-${cli}`]).code, 0);
    assert.equal(state(`deaf-${cli}`), 'exited 137');
    d.berth(['rm', `sig-${cli}`, `deaf-${cli}`]);
  });
}

test("STOPSIGNAL from the image is the stop signal; the container's own flag wins", async () => {
  ok(['create', '--name', 'base', 'busybox', 'true']);
  ok(['commit', '-c', 'STOPSIGNAL SIGUSR1', 'base', 'usr1-image']);
  assert.equal(ok(['image', 'inspect', '-f', '{{.Config.StopSignal}}', 'usr1-image']).trim(), 'SIGUSR1');
  ok(['run', '-d', '--name', 'img-sig', 'usr1-image', 'sh', '-c', USR1_TRAP]);
  assert.equal(ok(['inspect', '-f', '{{.Config.StopSignal}}', 'img-sig']).trim(), 'SIGUSR1');
  await until(() => ok(['logs', 'img-sig']).includes('ready'));
  ok(['stop', 'img-sig']);
  assert.equal(state('img-sig'), 'exited 0');
  ok(['run', '-d', '--name', 'own-sig', '--stop-signal', 'TERM', 'usr1-image', 'sh', '-c', 'trap "exit 9" TERM; while true; do sleep 0.1; done']);
  await sleep(300);
  ok(['stop', 'own-sig']);
  assert.equal(state('own-sig'), 'exited 9');
  ok(['rm', 'base', 'img-sig', 'own-sig']);
  ok(['rmi', 'usr1-image']);
});

test('--init reaps orphaned zombies; without it they pile up under a PID 1 that never waits', async () => {
  // The inner shell leaves `sleep 0.2` behind; it is re-parented to PID 1.
  const orphan = 'sh -c "sleep 0.2 &"; exec sleep 1000';
  ok(['run', '-d', '--name', 'no-init', 'busybox', 'sh', '-c', orphan]);
  ok(['run', '-d', '--init', '--name', 'with-init', 'busybox', 'sh', '-c', orphan]);
  await sleep(1000);
  const zombies = (name: string) => ok(['exec', name, 'ps', '-o', 'stat,comm']).split('\n').filter((l) => /^\s*Z/.test(l)).length;
  assert.equal(zombies('no-init'), 1);
  assert.equal(zombies('with-init'), 0);
  assert.equal(ok(['exec', 'with-init', 'cat', '/proc/1/comm']).trim(), 'docker-init');
  ok(['rm', '-f', 'no-init', 'with-init']);
});

test('restart policy and stop/start: stop during the back-off ends it; a manual start resets RestartCount', async () => {
  for (const cli of ['berth', 'docker'] as const) {
    const name = `crashy-${cli}`;
    assert.equal(d[cli](['run', '-d', '--name', name, '--restart', 'always', 'busybox', 'sh', '-c', 'sleep 0.2; exit 2']).code, 0);
    await until(() => Number(ok(['inspect', '-f', '{{.RestartCount}}', name])) >= 3);
    // back-off grows: dozens of restarts in 3 s would mean there is none
    await sleep(3000);
    const count = Number(ok(['inspect', '-f', '{{.RestartCount}}', name]));
    assert.ok(count < 12, `restarted ${count} times in ~4 s`);
    assert.equal(d[cli](['stop', '-t', '1', name]).code, 0);
    const stopped = ok(['inspect', '-f', '{{.State.Status}} {{.RestartCount}}', name]).trim();
    assert.match(stopped, /^exited \d+$/);
    await sleep(1500);
    assert.equal(ok(['inspect', '-f', '{{.State.Status}} {{.RestartCount}}', name]).trim(), stopped, 'restarted after stop');
    assert.equal(d[cli](['start', name]).code, 0);
    assert.ok(Number(ok(['inspect', '-f', '{{.RestartCount}}', name])) <= 1, 'RestartCount not reset by start');
    d.berth(['rm', '-f', name]);
  }
});
