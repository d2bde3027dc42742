// Attach with logs, containers.run(stream=True) and following logs through
// docker-py, answered as Debian's dockerd 20.10 answers the same calls: a
// frame per log message (so a follow yields each line as it is written),
// attach with stream=False returns what was logged and ends, and closing a
// follow ends it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestDaemon, type Daemon } from './harness';
import { dockerPy } from './docker-py';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  await d?.stop();
});

test('docker-py: attach(stream=False, logs=True) returns the logs at once and ends', () => {
  const r = dockerPy(d.socket, `
api.create_container('busybox', ['sh', '-c', 'echo hello; echo err >&2; sleep 30'], name='at1')
api.start('at1')
while b'err' not in api.logs('at1'):
    time.sleep(0.05)
t = time.time()
print(repr(api.attach('at1', stream=False, logs=True)))
print(repr(api.attach('at1', stdout=True, stderr=False, stream=False, logs=True)))
print(repr(api.attach('at1', stream=False, logs=True, demux=True)))
print(repr(api.attach('at1')))
print(repr(client.containers.get('at1').attach(stream=False, logs=True)))
print(time.time() - t < 10)
api.create_container('busybox', ['sh', '-c', 'echo done'], name='at2')
api.start('at2')
api.wait('at2')
# conmon may still be writing the last line when the exit is recorded (dockerd races the same way)
while b'done' not in api.logs('at2'):
    time.sleep(0.05)
print(repr(api.attach('at2', stream=False, logs=True)))
api.remove_container('at1', force=True)
api.remove_container('at2')
`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    "b'hello\\nerr\\n'",
    "b'hello\\n'",
    "(b'hello\\n', b'err\\n')",
    "b''",
    "b'hello\\nerr\\n'",
    'True',
    "b'done\\n'",
  ]);
});

test('docker-py: containers.run(stream=True) yields each line; a follow yields lines as written and ends when closed', () => {
  const r = dockerPy(d.socket, `
import threading
out = client.containers.run('busybox', ['sh', '-c', 'for i in 1 2 3; do echo line$i; done; sleep 0.3; echo late'], stream=True, remove=True)
print(list(out))
c = client.containers.run('busybox', ['sh', '-c', 'echo a; echo b; sleep 0.5; echo c; sleep 60'], detach=True)
got = []
t = time.time()
for chunk in c.logs(stream=True, follow=True):
    got.append(chunk)
    if len(got) == 3:
        break
print(got, time.time() - t < 10)
g = c.logs(stream=True, follow=True)
threading.Timer(1.0, g.close).start()
t = time.time()
rest = list(g)
print(rest, time.time() - t < 10)
c.remove(force=True)
`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    "[b'line1\\n', b'line2\\n', b'line3\\n', b'late\\n']",
    "[b'a\\n', b'b\\n', b'c\\n'] True",
    "[b'a\\n', b'b\\n', b'c\\n'] True",
  ]);
});
