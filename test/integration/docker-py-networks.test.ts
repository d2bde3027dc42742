// Networks through docker-py, answered as Debian's dockerd 20.10 answers the
// same calls: a name with a space, a user IPAM config and dockerd's overlap
// refusal, endpoint aliases with the short container ID, and an endpoint's
// Links and DriverOpts as sent (a link made on connect resolves in the
// container's DNS, which joining a user network switches to the embedded server).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { startTestDaemon, type Daemon } from './harness';
import { dockerPy } from './docker-py';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  await d?.stop();
});

/** A 10.x.0.0/16 nothing on this machine routes to. */
function freeSlash16(): string {
  const routes = spawnSync('ip', ['-4', 'route', 'show', 'table', 'all'], { encoding: 'utf8' }).stdout;
  for (let i = 0; i < 100; i++) {
    const x = randomInt(200, 256);
    if (!routes.includes(`10.${x}.`)) return `10.${x}`;
  }
  throw new Error('no free 10.x/16');
}

test('docker-py: a network name with a space is accepted', () => {
  const r = dockerPy(d.socket, `
n = api.create_network('test 01')
print(api.inspect_network('test 01')['Name'], api.inspect_network(n['Id'])['Name'])
api.remove_network('test 01')
print(len([x for x in api.networks() if x['Name'] == 'test 01']))
`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'test 01 test 01\n0\n');
});

test('docker-py: a user IPAM config is kept; an overlapping one is refused as dockerd does', () => {
  const p = freeSlash16();
  const r = dockerPy(d.socket, `
ipam = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet='${p}.0.0/16', iprange='${p}.5.0/24', gateway='${p}.5.254')])
api.create_network('pyipam', ipam=ipam)
print(json.dumps(api.inspect_network('pyipam')['IPAM']['Config']))
try:
    api.create_network('pyipam2', ipam=docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet='${p}.7.0/24')]))
    print('created')
except docker.errors.APIError as e:
    print(e.status_code, e.explanation)
c = api.create_container('busybox', 'sleep 60', host_config=api.create_host_config(network_mode='pyipam'))
api.start(c)
ip = api.inspect_container(c)['NetworkSettings']['Networks']['pyipam']['IPAddress']
print(ip.startswith('${p}.5.'))
api.remove_container(c, force=True)
api.remove_network('pyipam')
`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    `[{"Subnet": "${p}.0.0/16", "IPRange": "${p}.5.0/24", "Gateway": "${p}.5.254"}]`,
    '403 Pool overlaps with other one on this address space',
    'True',
  ]);
});

test('docker-py: aliases as sent, the short ID in DNSNames; Links and DriverOpts as sent; a link made on connect resolves', () => {
  const r = dockerPy(d.socket, `
api.create_network('pyal')
c1 = api.create_container('busybox', 'sleep 60', name='al1', host_config=api.create_host_config(network_mode='pyal'),
    networking_config=api.create_networking_config({'pyal': api.create_endpoint_config(aliases=['foo'])}))
print(api.inspect_container(c1)['NetworkSettings']['Networks']['pyal']['Aliases'])
api.start(c1)
# at API 1.45+ Aliases stay as sent and the short ID is among DNSNames (network-clients.test.ts checks 1.41's form)
ep1 = api.inspect_container(c1)['NetworkSettings']['Networks']['pyal']
print(ep1['Aliases'] == ['foo'] and c1['Id'][:12] in ep1['DNSNames'])
c2 = api.create_container('busybox', 'sleep 60', name='al2')
api.start(c2)
print(api.inspect_container(c2)['NetworkSettings']['Networks']['bridge']['Aliases'], api.inspect_container(c2)['NetworkSettings']['Networks']['bridge']['Links'])
api.connect_container_to_network('al2', 'pyal', aliases=['bar'], links=[('al1', 'lnk')], driver_opt={'com.example.x': 'y'})
ep = api.inspect_container(c2)['NetworkSettings']['Networks']['pyal']
print(ep['Aliases'] == ['bar'] and c2['Id'][:12] in ep['DNSNames'], ep['Links'], ep['DriverOpts'])
print(api.exec_start(api.exec_create('al2', 'sh -c "ping -c1 -W2 lnk >/dev/null && echo lnk-ok; ping -c1 -W2 al1 >/dev/null && echo name-ok"')).decode().split())
# the link is al2's own name for al1: al1 does not know it
print(api.exec_start(api.exec_create('al1', 'sh -c "ping -c1 -W1 lnk >/dev/null 2>&1 && echo yes || echo no"')).decode().strip())
api.remove_container('al1', force=True)
api.remove_container('al2', force=True)
api.remove_network('pyal')
`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    "['foo']",
    'True',
    'None None',
    "True ['al1:lnk'] {'com.example.x': 'y'}",
    "['lnk-ok', 'name-ok']",
    'no',
  ]);
});
