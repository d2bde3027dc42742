// Windows between a verb's answer and the container's real state, as real
// clients hit them: dockerode's kill then inspect, a commit with
// pause of a container whose process has just exited, pause of one that is
// gone. dockerd is the oracle for each answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Docker from 'dockerode';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let docker: Docker;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  docker = new Docker({ socketPath: d.socket });
});
after(async () => {
  await d?.stop();
});

test('kill (SIGKILL) answers once the state is exited/137', async () => {
  for (let i = 0; i < 5; i++) {
    const c = await docker.createContainer({ Image: 'busybox', Cmd: ['sleep', '300'] });
    await c.start();
    await c.kill();
    const st = (await c.inspect()).State;
    assert.equal(st.Running, false, `round ${i}: still running right after kill`);
    assert.equal(st.Status, 'exited');
    assert.equal(st.ExitCode, 137);
    await c.remove({ force: true });
  }
});

test('kill with another signal answers at once and the container goes on', async () => {
  const c = await docker.createContainer({ Image: 'busybox', Cmd: ['sh', '-c', 'trap "echo got" USR1; while true; do sleep 0.1; done'] });
  await c.start();
  await c.kill({ signal: 'SIGUSR1' });
  assert.equal((await c.inspect()).State.Running, true);
  await c.remove({ force: true });
});

test('commit with pause=true of a container that has just exited commits it (dockerode, as docker-py 7 sends it)', async () => {
  for (let i = 0; i < 8; i++) {
    const c = await docker.createContainer({ Image: 'busybox', Cmd: ['touch', '/test'] });
    await c.start();
    const res = await c.commit({ repo: 'racy', tag: String(i), pause: true });
    assert.match(res.Id, /^sha256:/, `round ${i}`);
    await c.wait();
    await c.remove();
    await docker.getImage(`racy:${i}`).remove();
  }
});

test('pause of a container that has exited answers 409 not running', async () => {
  const c = await docker.createContainer({ Image: 'busybox', Cmd: ['true'] });
  await c.start();
  await c.wait();
  const err = await c.pause().then(
    () => assert.fail('pause of an exited container succeeded'),
    (e) => e,
  );
  assert.equal(err.statusCode, 409);
  assert.match(err.json?.message ?? String(err), /is not running/);
  await c.remove({ force: true });
});
