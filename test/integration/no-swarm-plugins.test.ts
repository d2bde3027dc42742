// A berthd that is not in a swarm and has no plugins answers the swarm and
// plugin routes as such a dockerd does (checked against Debian's dockerd
// 20.10): clients read a 503 as "no swarm" and `[]` as "no plugins" and go
// on. Driven through dockerode, docker-py (Debian's python3-docker) and the
// docker CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Docker from 'dockerode';
import { startTestDaemon, type Daemon } from './harness';
import { dockerPy } from './docker-py';

const NOT_MANAGER = 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';

let d: Daemon;
let docker: Docker;
before(async () => {
  d = await startTestDaemon();
  docker = new Docker({ socketPath: d.socket });
});
after(async () => {
  await d?.stop();
});

const py = (code: string) => dockerPy(d.socket, code);

test('swarm routes answer 503 with dockerd messages, in dockerd order of checks', async () => {
  const cases: [string, string, number, string][] = [
    ['GET', '/swarm', 503, NOT_MANAGER],
    ['POST', '/swarm/leave', 503, 'This node is not part of a swarm'],
    ['GET', '/swarm/unlockkey', 503, NOT_MANAGER],
    ['POST', '/swarm/update', 400, `invalid swarm version '': strconv.ParseUint: parsing "": invalid syntax`],
    ['GET', '/nodes', 503, NOT_MANAGER],
    ['GET', '/nodes/abc', 503, NOT_MANAGER],
    ['DELETE', '/nodes/abc', 503, NOT_MANAGER],
    ['GET', '/services', 503, NOT_MANAGER],
    ['POST', '/services/create', 503, NOT_MANAGER],
    ['POST', '/services/x/update?version=3', 503, NOT_MANAGER],
    ['GET', '/services/x/logs', 500, 'Bad parameters: you must choose at least one stream'],
    ['GET', '/services/x/logs?stdout=1', 503, NOT_MANAGER],
    ['GET', '/tasks', 503, NOT_MANAGER],
    ['GET', '/tasks/x', 503, NOT_MANAGER],
    ['GET', '/secrets', 503, NOT_MANAGER],
    ['POST', '/secrets/x/update', 400, 'invalid secret version'],
    ['GET', '/configs', 503, NOT_MANAGER],
    ['DELETE', '/configs/x', 503, NOT_MANAGER],
  ];
  for (const [method, path, status, message] of cases) {
    const r = await d.api(method, `/v1.41${path}`, method === 'POST' ? {} : undefined);
    assert.equal(r.status, status, `${method} ${path}: ${r.body}`);
    assert.equal(r.json?.message, message, `${method} ${path}`);
  }
});

test('plugin routes: an empty list, and dockerd 404s for a named plugin', async () => {
  assert.deepEqual(await docker.listPlugins(), []);
  for (const [method, path, message] of [
    ['GET', '/plugins/vieux/sshfs:latest/json', 'plugin "vieux/sshfs:latest" not found'],
    ['DELETE', '/plugins/x', 'plugin "x" not found'],
    ['POST', '/plugins/x/disable', 'plugin "x" not found'],
    ['POST', '/plugins/x/upgrade?remote=y', 'plugin "x:latest" not found'],
  ] as const) {
    const r = await d.api(method, path, method === 'POST' ? {} : undefined);
    assert.equal(r.status, 404, `${method} ${path}`);
    assert.equal(r.json?.message, message);
  }
  const err = await docker.getPlugin('nope', 'nope').inspect().then(
    () => assert.fail('inspect of a missing plugin succeeded'),
    (e) => e,
  );
  assert.equal(err.statusCode, 404);
});

test('dockerode: swarm and node calls fail as "no swarm"', async () => {
  for (const call of [() => docker.swarmInspect(), () => docker.listNodes(), () => docker.listServices(), () => docker.listTasks(), () => docker.swarmLeave({ force: true })]) {
    const err = await call().then(
      () => assert.fail('a swarm call succeeded'),
      (e) => e,
    );
    assert.equal(err.statusCode, 503);
  }
});

test('docker-py: plugins list empty, swarm errors are APIError 503', () => {
  const r = py(
    [
      'print(json.dumps(client.plugins.list()))',
      'for call in (client.swarm.reload, client.nodes.list, client.services.list, client.secrets.list, client.configs.list):',
      '    try:',
      '        call()',
      '        print("no error")',
      '    except docker.errors.APIError as e:',
      '        print(e.status_code)',
      // docker-py's clean-up: a forced leave on a 503 counts as "not in a swarm" and returns True
      'print(client.swarm.leave(force=True))',
      'print(client.info()["Swarm"]["LocalNodeState"])',
    ].join('\n'),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), ['[]', '503', '503', '503', '503', '503', 'True', 'inactive']);
});

test('docker CLI: plugin ls, swarm leave, node ls', () => {
  const ls = d.docker(['plugin', 'ls']);
  assert.equal(ls.code, 0, ls.stderr);
  assert.match(ls.stdout, /^ID\s+NAME\s+DESCRIPTION\s+ENABLED\s*$/);
  const leave = d.docker(['swarm', 'leave']);
  assert.notEqual(leave.code, 0);
  assert.match(leave.stderr, /Error response from daemon: This node is not part of a swarm/);
  const nodes = d.docker(['node', 'ls']);
  assert.notEqual(nodes.code, 0);
  assert.match(nodes.stderr, /This node is not a swarm manager/);
});
