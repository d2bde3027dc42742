// Log configuration through docker-py as its own integration tests use it,
// answered as Debian's dockerd 20.10 answers: max-file alone is accepted for
// json-file, an unknown driver is a 400 at create with the plugin lookup's error.
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

test('docker-py: log_config json-file with max-file and no max-size is accepted', () => {
  const r = dockerPy(d.socket, `
lc = docker.types.LogConfig(type='json-file', config={'max-file': '100'})
c = api.create_container('busybox', ['true'], host_config=api.create_host_config(log_config=lc))
api.start(c)
api.wait(c)
info = api.inspect_container(c)
print(json.dumps(info['HostConfig']['LogConfig']))
api.remove_container(c)
`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), '{"Type": "json-file", "Config": {"max-file": "100"}}');
});

test("docker-py: an unknown log driver is an APIError with dockerd's message, nothing is created", () => {
  const r = dockerPy(d.socket, `
lc = docker.types.LogConfig(type='asdf', config={})
before = len(api.containers(all=True))
try:
    c = api.create_container('busybox', ['true'], host_config=api.create_host_config(log_config=lc))
    api.start(c)
    print('no error')
except docker.errors.APIError as e:
    print(e.status_code, e.explanation)
print(len(api.containers(all=True)) - before)
`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '400 error looking up logging plugin asdf: plugin "asdf" not found\n0\n');
});
