import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkEnv } from './links';
import type { ContainerRecord } from './types';

test("link variables follow Docker's legacy links", () => {
  const child = {
    name: 'db',
    config: { ExposedPorts: { '6379/tcp': {}, '53/udp': {} }, Env: ['PATH=/bin', 'HOME=/root', 'PASSWORD=x=y'] },
  } as unknown as ContainerRecord;
  assert.deepEqual(linkEnv('web', [{ alias: 'my-db', child, ip: '10.0.0.3' }]), [
    'MY_DB_PORT=udp://10.0.0.3:53',
    'MY_DB_PORT_53_UDP=udp://10.0.0.3:53',
    'MY_DB_PORT_53_UDP_ADDR=10.0.0.3',
    'MY_DB_PORT_53_UDP_PORT=53',
    'MY_DB_PORT_53_UDP_PROTO=udp',
    'MY_DB_PORT_6379_TCP=tcp://10.0.0.3:6379',
    'MY_DB_PORT_6379_TCP_ADDR=10.0.0.3',
    'MY_DB_PORT_6379_TCP_PORT=6379',
    'MY_DB_PORT_6379_TCP_PROTO=tcp',
    'MY_DB_NAME=/web/my-db',
    'MY_DB_ENV_PASSWORD=x=y',
  ]);
});

test('consecutive ports get the range variables', () => {
  const child = { name: 'web', config: { ExposedPorts: { '8000/tcp': {}, '8001/tcp': {}, '8002/tcp': {} }, Env: [] } } as unknown as ContainerRecord;
  const env = linkEnv('app', [{ alias: 'web', child, ip: '10.0.0.4' }]);
  assert.deepEqual(env.slice(0, 6), [
    'WEB_PORT=tcp://10.0.0.4:8000',
    'WEB_PORT_8000_TCP_START=tcp://10.0.0.4:8000',
    'WEB_PORT_8000_TCP_ADDR=10.0.0.4',
    'WEB_PORT_8000_TCP_PORT_START=8000',
    'WEB_PORT_8000_TCP_PORT_END=8002',
    'WEB_PORT_8000_TCP_END=tcp://10.0.0.4:8002',
  ]);
  assert.equal(env.length, 6 + 12 + 1);
});
