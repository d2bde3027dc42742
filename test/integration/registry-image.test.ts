// `./images/build registry:2` makes a registry image from Debian's
// docker-registry; running it and pushing/pulling localhost:PORT/… works as
// Docker's documentation shows (with --network host and REGISTRY_HTTP_ADDR
// for a free port instead of -p 5000:5000).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startTestDaemon, type Daemon } from './harness';
import { freePort } from './registry-server';

let d: Daemon;
let port: number;
const name = `registry-${process.pid}`;

before(async () => {
  d = await startTestDaemon({ images: ['busybox', 'registry:2'] });
  port = await freePort();
});

after(async () => {
  d?.berth(['rm', '-f', name]);
  await d?.stop();
});

const ok = (r: { code: number; stdout: string; stderr: string }, what: string) => {
  assert.equal(r.code, 0, `${what}: ${r.stdout}${r.stderr}`);
  return r.stdout;
};

const listening = (p: number) =>
  new Promise<boolean>((res) => {
    const s = net.connect(p, '127.0.0.1', () => {
      s.destroy();
      res(true);
    });
    s.on('error', () => res(false));
  });

test('run registry:2, then tag, push and pull localhost:PORT/my-busybox with berth and docker', async () => {
  const cfg = JSON.parse(ok(d.berth(['image', 'inspect', '-f', '{{json .Config}}', 'registry:2']), 'inspect'));
  assert.deepEqual(cfg.Entrypoint, ['/entrypoint.sh']);
  assert.deepEqual(cfg.Cmd, ['/etc/docker/registry/config.yml']);
  assert.deepEqual(Object.keys(cfg.ExposedPorts), ['5000/tcp']);
  ok(d.berth(['run', '-d', '--network', 'host', '-e', `REGISTRY_HTTP_ADDR=127.0.0.1:${port}`, '--name', name, 'registry:2']), 'run registry');
  for (let i = 0; !(await listening(port)); i++) {
    assert.ok(i < 100, `the registry did not listen: ${d.berth(['logs', name]).stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const R = `localhost:${port}`;
  ok(d.berth(['tag', 'busybox', `${R}/my-busybox`]), 'tag');
  assert.match(ok(d.berth(['push', `${R}/my-busybox`]), 'push'), /^latest: digest: sha256:[0-9a-f]{64} size: \d+$/m);
  ok(d.berth(['rmi', `${R}/my-busybox`]), 'rmi');
  assert.match(ok(d.docker(['pull', `${R}/my-busybox`]), 'docker pull'), new RegExp(`Status: Downloaded newer image for ${R}/my-busybox:latest`));
  assert.equal(ok(d.berth(['run', '--rm', `${R}/my-busybox`, 'echo', 'from the registry']), 'run'), 'from the registry\n');
  ok(d.berth(['rm', '-f', name]), 'rm registry');
});
