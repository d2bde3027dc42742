// Exec through docker-py, answered byte for byte as Debian's dockerd 20.10
// answers the same calls: the start request's Tty decides the framing (an
// exec made with a TTY and started by exec_start's default tty=False is
// framed), exit codes for what cannot run, users from the image's passwd,
// the raw socket, and detach keys from the client's config file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';
import { dockerPy } from './docker-py';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  assert.equal(d.berth(['run', '-d', '-i', '--name', 'ex', 'busybox', 'cat']).code, 0);
});
after(async () => {
  d?.berth(['rm', '-f', 'ex']);
  await d?.stop();
});

const OUT_ERR = `'sh -c "echo hello out ; sleep 0.5 ; echo hello err >&2"'`;

test('docker-py: an exec with a TTY loses nothing whichever way it is started', () => {
  const r = dockerPy(d.socket, `
for form in ({}, {'stream': True}, {'demux': True}):
    e = api.exec_create('ex', ${OUT_ERR}, tty=True)
    out = api.exec_start(e, **form)
    print(repr(list(out) if form.get('stream') else out))
e = api.exec_create('ex', 'sh -c "echo hello out ; echo hello err >&2"')
print(repr(api.exec_start(e, demux=True)))
e = api.exec_create('ex', ${OUT_ERR}, tty=True)
print(repr(api.exec_start(e, tty=True)))
`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    "b'hello out\\r\\nhello err\\r\\n'",
    "[b'hello out\\r\\n', b'hello err\\r\\n']",
    "(b'hello out\\r\\nhello err\\r\\n', None)",
    "(b'hello out\\n', b'hello err\\n')",
    "b'hello out\\r\\nhello err\\r\\n'",
  ]);
});

test('docker-py: exec_run exit codes: 126 cannot execute, 127 not found, the command\'s own', () => {
  const r = dockerPy(d.socket, `
c = client.containers.get('ex')
print(c.exec_run('/etc/passwd').exit_code, c.exec_run('nonexistent').exit_code, c.exec_run('sh -c "exit 3"').exit_code)
`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '126 127 3\n');
});

test('docker-py: exec -u a user from the image\'s /etc/passwd', () => {
  const r = dockerPy(d.socket, `
c = client.containers.get('ex')
print(c.exec_run(['sh', '-c', 'echo postgres:x:70:70:PostgreSQL:/var/lib/postgresql:/bin/sh >> /etc/passwd; echo postgres:x:70: >> /etc/group']).exit_code)
r = c.exec_run('sh -c "whoami; id -u; id -g; echo $HOME"', user='postgres')
print(r.exit_code, r.output.decode().split())
print(c.exec_run('id -u', user='70:70').output.decode().strip())
`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "0\n0 ['postgres', '70', '70', '/var/lib/postgresql']\n70\n");
});

test('docker-py: exec_start(socket=True) gives the framed stream', () => {
  const r = dockerPy(d.socket, `
e = api.exec_create('ex', 'echo sock')
s = api.exec_start(e, socket=True)
sock = s._sock
sock.settimeout(10)
data = b''
while True:
    chunk = sock.recv(4096)
    if not chunk:
        break
    data += chunk
print(repr(data))
`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "b'\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x05sock\\n'\n");
});

test("docker-py: detach keys from the client's config file detach an exec", () => {
  const cfg = join(d.dataRoot, 'py-config');
  mkdirSync(cfg, { recursive: true });
  writeFileSync(join(cfg, 'config.json'), JSON.stringify({ detachKeys: 'ctrl-x,x' }));
  const r = dockerPy(
    d.socket,
    `
e = api.exec_create('ex', 'sh -c "echo start; cat"', stdin=True, tty=True)
print(api.exec_inspect(e)['DetachKeys'])
sock = api.exec_start(e, socket=True, tty=True)._sock
sock.settimeout(10)
def read_until(want):
    got = b''
    while want not in got:
        chunk = sock.recv(100)
        if not chunk:
            break
        got += chunk
    return got
print(repr(read_until(b'start\\r\\n')))
sock.sendall(b'abc\\n')
print(repr(read_until(b'abc\\r\\nabc\\r\\n')))
sock.sendall(b'\\x18x')
print(repr(read_until(b'never')))
time.sleep(0.3)
print(api.exec_inspect(e)['Running'])
`,
    { env: { DOCKER_CONFIG: cfg } },
  );
  assert.equal(r.code, 0, r.stderr);
  // GHg= is base64 of the key bytes 0x18 0x78, as dockerd's []byte shows them
  assert.equal(r.stdout, "GHg=\nb'start\\r\\n'\nb'abc\\r\\nabc\\r\\n'\nb''\nTrue\n");
});
