import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { allocatePorts, portMap, PortTakenError } from './ports';

const free = async (): Promise<number> => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
};

test('fixed, ranged, ephemeral and udp bindings', async () => {
  const a = await free();
  const out = await allocatePorts(
    {
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(a) }],
      '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }],
    },
    {},
    false,
    [],
    'c (e)',
    '10.0.0.2',
  );
  assert.deepEqual(out[0], { hostIp: '127.0.0.1', hostPort: a, containerPort: 80, proto: 'tcp' });
  assert.equal(out[1].proto, 'udp');
  assert.ok(out[1].hostPort > 0);
});

test('-P publishes exposed ports that have no binding', async () => {
  const out = await allocatePorts({}, { '8080/tcp': {}, '9000/udp': {} }, true, [], 'c (e)', '10.0.0.2');
  assert.deepEqual(out.map((p) => `${p.hostIp}/${p.containerPort}/${p.proto}`), ['0.0.0.0/8080/tcp', '0.0.0.0/9000/udp']);
});

test('a port another container publishes is refused with Docker\'s message; a host range takes the next free one', async () => {
  const taken = [{ hostIp: '0.0.0.0', hostPort: 18080, containerPort: 80, proto: 'tcp' as const }];
  await assert.rejects(
    allocatePorts({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }] }, {}, false, taken, 'web (abc)', '10.0.0.2'),
    (err: Error) => err instanceof PortTakenError && /endpoint web \(abc\): Bind for 127\.0\.0\.1:18080 failed: port is already allocated/.test(err.message),
  );
  const out = await allocatePorts({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080-18090' }] }, {}, false, taken, 'web (abc)', '10.0.0.2');
  assert.ok(out[0].hostPort > 18080 && out[0].hostPort <= 18090);
  // udp on the same number does not clash with tcp
  const udp = await allocatePorts({ '80/udp': [{ HostIp: '127.0.0.1', HostPort: '18080' }] }, {}, false, taken, 'web (abc)', '10.0.0.2');
  assert.equal(udp[0].hostPort, 18080);
});

test('a port held by a host process is refused', async () => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const p = (s.address() as { port: number }).port;
  try {
    await assert.rejects(
      allocatePorts({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(p) }] }, {}, false, [], 'web (abc)', '10.0.0.2'),
      new RegExp(`failed to bind host port for 127\\.0\\.0\\.1:${p}:10\\.0\\.0\\.2:80/tcp: address already in use`),
    );
  } finally {
    s.close();
  }
});

test('bad specs are refused', async () => {
  await assert.rejects(allocatePorts({ '80/foo': null }, {}, false, [], 'c', 'x'), /invalid proto: foo/);
  await assert.rejects(allocatePorts({ '0/tcp': null }, {}, false, [], 'c', 'x'), /invalid port specification/);
});

test('NetworkSettings.Ports lists exposed ports as null and published ones with their bindings', () => {
  assert.deepEqual(portMap({ '80/tcp': {}, '443/tcp': {} }, [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, proto: 'tcp' }]), {
    '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }],
    '443/tcp': null,
  });
});
