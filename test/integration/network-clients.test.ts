// User networks as docker-py drives them, answered as dockerd 20.10 answers
// (checked against Debian's dockerd with the same requests): any non-empty
// name ("test 01"), user IPAM configs that overlap nothing, and dockerd's
// 403 "Pool overlaps with other one on this address space" when they do.
// Subnets are the suite's own random 10.2xx ones (harness.freeSubnet).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { freeSubnet, startTestDaemon, type Daemon } from './harness';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  await d?.stop();
});

/** Runs a docker-py snippet against the suite's daemon (`c` is the low-level APIClient); its stdout parsed as JSON. */
function py(code: string, version = 'auto'): any {
  const script = `import docker, json\nc = docker.APIClient(base_url=${JSON.stringify(`unix://${d.socket}`)}, version=${JSON.stringify(version)})\n${code}\n`;
  const r = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8', timeout: 90_000 });
  assert.equal(r.status, 0, `docker-py failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

test('a network name with a space: create, inspect, connect, disconnect, rm through docker-py', () => {
  const [a, b] = freeSubnet().split('.');
  const subnet = `${a}.${b}.77.0/24`;
  const out = py(`
ipam = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet=${JSON.stringify(subnet)})])
n = c.create_network('test 01', ipam=ipam)
res = {}
try:
    res['name'] = c.inspect_network('test 01')['Name']
    ct = c.create_container('busybox', 'sleep 60')
    try:
        c.start(ct)
        c.connect_container_to_network(ct, 'test 01')
        res['nets'] = sorted(c.inspect_container(ct)['NetworkSettings']['Networks'].keys())
        res['members'] = list(c.inspect_network(n['Id'])['Containers'].keys()) == [ct['Id']]
        c.disconnect_container_from_network(ct, 'test 01')
        res['after'] = sorted(c.inspect_container(ct)['NetworkSettings']['Networks'].keys())
    finally:
        c.remove_container(ct, force=True)
finally:
    c.remove_network('test 01')
res['left'] = [x['Name'] for x in c.networks(names=['test 01'])]
print(json.dumps(res))`);
  assert.deepEqual(out, { name: 'test 01', nets: ['bridge', 'test 01'], members: true, after: ['bridge'], left: [] });
});

test("docker-py's IPAM config (Subnet, IPRange, Gateway) is taken when it overlaps nothing; overlaps are dockerd's 403", () => {
  const [a, b] = freeSubnet().split('.');
  // A /16 of the suite's own 10.2xx: only this test's networks live there.
  const out = py(`
def tr(f):
    try:
        return ['ok', f()]
    except docker.errors.APIError as e:
        return [e.response.status_code, e.explanation]
pool = lambda **kw: docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(**kw)])
res = {}
n = c.create_network('hnet-ipam', ipam=pool(subnet='${a}.${b}.0.0/16', iprange='${a}.${b}.5.0/24', gateway='${a}.${b}.5.254', aux_addresses={'a': '${a}.${b}.1.5', 'b': '${a}.${b}.1.6'}))
try:
    res['ipam'] = c.inspect_network(n['Id'])['IPAM']
    res['same'] = tr(lambda: c.create_network('hnet-o1', ipam=pool(subnet='${a}.${b}.5.0/24')))
    res['wider'] = tr(lambda: c.create_network('hnet-o2', ipam=pool(subnet='${a}.0.0.0/8')))
finally:
    c.remove_network(n['Id'])
again = c.create_network('hnet-ipam', ipam=pool(subnet='${a}.${b}.5.0/24'))
res['again'] = c.inspect_network(again['Id'])['IPAM']['Config']
c.remove_network(again['Id'])
res['auxOut'] = tr(lambda: c.create_network('hnet-aux', ipam=pool(subnet='${a}.${b}.9.0/24', aux_addresses={'a': '${a}.${b}.10.5'})))
aux = c.create_network('hnet-aux', ipam=pool(subnet='${a}.${b}.9.0/24', aux_addresses={'a': '${a}.${b}.9.2'}))
try:
    ct = c.create_container('busybox', 'sleep 60', host_config=c.create_host_config(network_mode='hnet-aux'))
    try:
        c.start(ct)
        res['auxIp'] = c.inspect_container(ct)['NetworkSettings']['Networks']['hnet-aux']['IPAddress']
    finally:
        c.remove_container(ct, force=True)
finally:
    c.remove_network(aux['Id'])
print(json.dumps(res))`);
  assert.deepEqual(out.ipam, { Driver: 'default', Options: null, Config: [{ Subnet: `${a}.${b}.0.0/16`, IPRange: `${a}.${b}.5.0/24`, Gateway: `${a}.${b}.5.254`, AuxiliaryAddresses: { a: `${a}.${b}.1.5`, b: `${a}.${b}.1.6` } }] });
  const refused = [403, 'Pool overlaps with other one on this address space'];
  assert.deepEqual(out.same, refused);
  assert.deepEqual(out.wider, refused);
  assert.deepEqual(out.again, [{ Subnet: `${a}.${b}.5.0/24` }]);
  assert.deepEqual(out.auxOut, [403, `auxiliary address: (a:${a}.${b}.10.5) must belong to the master pool: ${a}.${b}.9.0/24`]);
  // An auxiliary address is never handed out: the first container skips .2.
  assert.equal(out.auxIp, `${a}.${b}.9.3`);
});

/** A container on 'hnet u' with aliases and DriverOpts, another connected to it with Links, inspected through docker-py at `version`. */
function endpointsRun(version: string): any {
  const [a, b, c3] = freeSubnet().split('.');
  const u = `${a}.${b}.${c3}`;
  const v = freeSubnet();
  return py(`
net = c.create_network('hnet u', ipam=docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet='${u}.0/24')]))
v = c.create_network('hnet v', ipam=docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet='${v}')]))
out = {}
try:
    a = c.create_container('busybox', 'sleep 60', name='hnet-a', host_config=c.create_host_config(network_mode='hnet u'),
        networking_config=c.create_networking_config({'hnet u': c.create_endpoint_config(aliases=['web'], driver_opt={'com.example.k': 'v1'})}))
    b = c.create_container('busybox', 'sleep 60', name='hnet-b', host_config=c.create_host_config(network_mode='hnet v'))
    try:
        c.start(a)
        c.start(b)
        c.connect_container_to_network(b, 'hnet u', aliases=['bee'], links=[('hnet-a', 'lk')], driver_opt={'o': 'p'})
        out['ids'] = [a['Id'], b['Id']]
        out['a'] = c.inspect_container(a)['NetworkSettings']['Networks']
        out['b'] = c.inspect_container(b)['NetworkSettings']['Networks']
        out['net'] = c.inspect_network(net['Id'])['Containers']
        r = c.exec_create(b, 'nslookup lk')
        out['dns'] = c.exec_start(r).decode()
        r = c.exec_create(a, 'nslookup lk')
        out['dnsA'] = c.exec_start(r).decode()
    finally:
        c.remove_container(a, force=True)
        c.remove_container(b, force=True)
finally:
    c.remove_network(net['Id'])
    c.remove_network(v['Id'])
out['u'] = '${u}'
print(json.dumps(out))`, version);
}

// The same requests against Debian's dockerd 20.10 (API 1.41) gave these endpoints (IDs and addresses aside);
// from API v1.45 Aliases are only what was sent (the short ID is in DNSNames), as the version history says.
for (const [version, short] of [['1.41', true], ['auto', false]] as const) {
  test(`endpoint Links, DriverOpts and Aliases read back as sent (API ${version}: ${short ? 'with' : 'without'} the short ID); a link made on connect resolves in that container`, () => {
  const out = endpointsRun(version);
  const u = out.u as string;
  const [ida, idb] = out.ids as string[];
  const sid = (id: string) => (short ? [id.slice(0, 12)] : []);
  const pick = (e: any) => ({ IPAMConfig: e.IPAMConfig, Links: e.Links, Aliases: e.Aliases, DriverOpts: e.DriverOpts, Gateway: e.Gateway, IPPrefixLen: e.IPPrefixLen });
  assert.deepEqual(pick(out.a['hnet u']), { IPAMConfig: null, Links: null, Aliases: ['web', ...sid(ida)], DriverOpts: { 'com.example.k': 'v1' }, Gateway: `${u}.1`, IPPrefixLen: 24 });
  assert.deepEqual(pick(out.b['hnet u']), { IPAMConfig: null, Links: ['hnet-a:lk'], Aliases: ['bee', ...sid(idb)], DriverOpts: { o: 'p' }, Gateway: `${u}.1`, IPPrefixLen: 24 });
  assert.deepEqual(out.b['hnet v'].Aliases, short ? sid(idb) : null);
  assert.equal(out.b['hnet v'].DriverOpts, null);
  assert.equal(out.b['hnet v'].Links, null);
  // dockerd 20.10's network inspect: the same five keys per container, no endpoint options.
  assert.deepEqual(Object.keys(out.net[ida]).sort(), ['EndpointID', 'IPv4Address', 'IPv6Address', 'MacAddress', 'Name']);
  assert.equal(out.net[idb].IPv4Address, `${out.b['hnet u'].IPAddress}/24`);
  assert.match(out.dns, new RegExp(`Name:\\s+lk\\nAddress: ${out.a['hnet u'].IPAddress.replace(/\./g, '\\.')}`));
  // The link is b's: a does not resolve it.
  assert.doesNotMatch(out.dnsA, /Name:\s+lk/);
});
}
