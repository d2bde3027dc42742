// IPv6 on bridge networks, as dockerd 20.10 does it (the expected values are
// Debian's dockerd's answers to the same requests): EnableIPv6 with an IPv6
// pool in IPAM, an address per container (the lowest free one, or --ip6),
// GlobalIPv6Address/IPv6Gateway in inspect, the bridge as the IPv6 gateway,
// AAAA answers from the embedded DNS, the own hosts line, ip6tables rules,
// and IPAMConfig.LinkLocalIPs on the interface. Only this test's own
// addresses are used: a random ULA /48 that no host route touches, and the
// suite's own IPv4 subnets. The host's IPv6 forwarding switch (which the CNI
// bridge plugin, like dockerd, turns on for an IPv6 gateway) is put back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dockerPy } from './docker-py';
import { freeSubnet, startTestDaemon, type Daemon } from './harness';

const FORWARDING = '/proc/sys/net/ipv6/conf/all/forwarding';
let d: Daemon;
let forwarding = '';
let hostportChains = false;

/** A ULA /48 (fdXX:XXXX:XXXX::/48) that no IPv6 route on the host is in. */
function freeUla(): string {
  const routes = spawnSync('ip', ['-6', 'route', 'show', 'table', 'all'], { encoding: 'utf8' }).stdout;
  for (;;) {
    const b = randomBytes(5).toString('hex');
    const p = `fd${b.slice(0, 2)}:${b.slice(2, 6)}:${b.slice(6, 10)}`.replace(/:0+(?=[0-9a-f])/g, ':');
    if (!routes.includes(p)) return p;
  }
}

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

function ok(args: string[]): string {
  const r = d.docker(args);
  assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

const ip6nat = () => spawnSync('ip6tables', ['-w', '-t', 'nat', '-S'], { encoding: 'utf8' }).stdout;

before(async () => {
  forwarding = readFileSync(FORWARDING, 'utf8').trim();
  hostportChains = ip6nat().includes('-N CNI-HOSTPORT-DNAT');
  d = await startTestDaemon({ images: ['busybox'] });
});

after(async () => {
  await d?.stop();
  writeFileSync(FORWARDING, forwarding);
  // portmap's shared IPv6 chains, made here for the first time: gone with us (as the machine was).
  if (!hostportChains && !/-A CNI-HOSTPORT-DNAT .*CNI-DN-/.test(ip6nat())) {
    const del = (...a: string[]) => spawnSync('ip6tables', ['-w', '-t', 'nat', ...a]);
    for (const chain of ['PREROUTING', 'OUTPUT']) del('-D', chain, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'CNI-HOSTPORT-DNAT');
    del('-D', 'POSTROUTING', '-m', 'comment', '--comment', 'CNI portfwd requiring masquerade', '-j', 'CNI-HOSTPORT-MASQ');
    for (const c of ['CNI-HOSTPORT-DNAT', 'CNI-HOSTPORT-MASQ', 'CNI-HOSTPORT-SETMARK']) {
      del('-F', c);
      del('-X', c);
    }
  }
});

test('an EnableIPv6 network: addresses, inspect, the bridge gateway, AAAA, hosts, ip6tables, published ports, teardown', async () => {
  const v6 = `${freeUla()}:1`;
  const v4 = freeSubnet().split('.').slice(0, 3).join('.');
  const net = `v6net-${randomBytes(3).toString('hex')}`;
  ok(['network', 'create', '--ipv6', '--subnet', `${v4}.0/24`, '--subnet', `${v6}::/64`, '--ip-range', `${v6}::/96`, '--gateway', `${v6}::ffff`, net]);
  const port = await freePort();
  try {
    const n = JSON.parse(ok(['network', 'inspect', net]))[0];
    assert.equal(n.EnableIPv6, true);
    assert.deepEqual(n.IPAM.Config, [{ Subnet: `${v4}.0/24` }, { Subnet: `${v6}::/64`, IPRange: `${v6}::/96`, Gateway: `${v6}::ffff` }]);
    const bridge = n.Options['com.docker.network.bridge.name'] ?? `br-${n.Id.slice(0, 12)}`;
    assert.match(spawnSync('ip', ['-6', 'addr', 'show', 'dev', bridge], { encoding: 'utf8' }).stdout, new RegExp(`inet6 ${v6}::ffff/64`));

    ok(['run', '-d', '--name', 'six-a', '--network', net, 'busybox', 'top']);
    ok(['run', '-d', '--name', 'six-b', '--hostname', 'bee', '--network', net, '--ip6', `${v6}::f00d`, 'busybox', 'top']);
    ok(['run', '-d', '--name', 'six-web', '--network', net, '-p', `127.0.0.1:${port}:80`, 'busybox', 'sh', '-c', 'echo six > /i.html; exec httpd -f -p 80 -h /']);
    const a = JSON.parse(ok(['inspect', 'six-a']))[0].NetworkSettings.Networks[net];
    const b = JSON.parse(ok(['inspect', 'six-b']))[0].NetworkSettings.Networks[net];
    // The first free address of the range (the gateway is ::ffff), and the one asked for.
    assert.deepEqual([a.GlobalIPv6Address, a.GlobalIPv6PrefixLen, a.IPv6Gateway, a.IPAMConfig], [`${v6}::1`, 64, `${v6}::ffff`, null]);
    assert.deepEqual([b.GlobalIPv6Address, b.GlobalIPv6PrefixLen, b.IPv6Gateway, b.IPAMConfig], [`${v6}::f00d`, 64, `${v6}::ffff`, { IPv6Address: `${v6}::f00d` }]);
    assert.equal(a.IPAddress, `${v4}.2`);
    const members = Object.values(JSON.parse(ok(['network', 'inspect', net]))[0].Containers as Record<string, { Name: string; IPv6Address: string }>);
    assert.deepEqual(members.map((m) => [m.Name, m.IPv6Address]).sort(), [['six-a', `${v6}::1/64`], ['six-b', `${v6}::f00d/64`], ['six-web', `${v6}::2/64`]]);

    // Inside: the address, the default route via the bridge, reachability by name over IPv6, AAAA, the own hosts line.
    assert.match(ok(['exec', 'six-a', 'ip', '-6', 'addr', 'show', 'eth0']), new RegExp(`inet6 ${v6}::1/64 scope global`));
    assert.match(ok(['exec', 'six-a', 'ip', '-6', 'route']), new RegExp(`default via ${v6}::ffff dev eth0`));
    assert.match(ok(['exec', 'six-a', 'ping6', '-c1', '-W2', 'six-b']), new RegExp(`PING six-b \\(${v6}::f00d\\)[\\s\\S]*1 packets received`));
    assert.match(ok(['exec', 'six-a', 'nslookup', '-type=aaaa', 'six-b']), new RegExp(`Address: ${v6}::f00d`));
    assert.match(ok(['exec', 'six-a', 'nslookup', 'six-b']), new RegExp(`Address: ${v4}\\.3`));
    assert.match(ok(['exec', 'six-b', 'cat', '/etc/hosts']), new RegExp(`^${v6}::f00d\\tbee$`, 'm'));
    assert.equal(ok(['exec', 'six-a', 'wget', '-qO-', `http://[${v6}::2]:80/i.html`]), 'six');
    // A published port on an IPv6 network still answers on the host's IPv4 loopback.
    const r = spawnSync('curl', ['-s', '-m', '5', `http://127.0.0.1:${port}/i.html`], { encoding: 'utf8' });
    assert.equal(r.stdout.trim(), 'six');
    // The network's IPv6 rule: its pool masqueraded, in the daemon's own chain.
    assert.match(ip6nat(), new RegExp(`-A BERTH-NAT-\\w+ -s ${v6}::/64 ! -o ${bridge} -j MASQUERADE`));

    ok(['rm', '-f', 'six-a', 'six-b', 'six-web']);
    // The leases of both families went with the containers.
    const ipam = `${d.execRoot}/cni/ipam`;
    const leases = spawnSync('sh', ['-c', `ls ${ipam}/*/ 2>/dev/null`], { encoding: 'utf8' }).stdout;
    assert.doesNotMatch(leases, new RegExp(`${v4}\\.|${v6}::`));
  } finally {
    d.docker(['rm', '-f', 'six-a', 'six-b', 'six-web']);
    d.docker(['network', 'rm', net]);
  }
  assert.doesNotMatch(ip6nat(), new RegExp(`${v6}::/64`));
});

test("IPv6 requests refused as dockerd refuses them, and LinkLocalIPs on the interface", () => {
  const v6 = `${freeUla()}:1`;
  const net = `v6ll-${randomBytes(3).toString('hex')}`;
  // No default IPv6 pools: dockerd 20.10's 404.
  const none = d.docker(['network', 'create', '--ipv6', `${net}-x`]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network/);
  assert.match(d.docker(['network', 'create', '--ipv6', '--subnet', `${v6}::/640`, `${net}-x`]).stderr, new RegExp(`invalid subnet ${v6}::/640 : invalid CIDR address`));
  ok(['network', 'create', '--ipv6', '--subnet', `${v6}::/64`, net]);
  try {
    assert.match(d.docker(['network', 'create', '--ipv6', '--subnet', `${v6}::/80`, `${net}-x`]).stderr, /Pool overlaps with other one on this address space/);
    const bad = d.docker(['run', '--rm', '--network', net, '--ip6', 'zz::1', 'busybox', 'true']);
    assert.equal(bad.code, 125);
    assert.match(bad.stderr, /invalid IPv6 address: zz::1/);
    assert.match(d.docker(['run', '--rm', '--network', net, '--ip6', 'fd00:dead::1', 'busybox', 'true']).stderr, /no configured subnet or ip-range contain the IP address fd00:dead::1/);
    assert.match(d.docker(['run', '--rm', '--ip6', `${v6}::9`, 'busybox', 'true']).stderr, /user specified IP address is supported on user defined networks only/);
    assert.match(d.docker(['run', '--rm', '--network', net, '--link-local-ip', 'nope', 'busybox', 'true']).stderr, /invalid link-local IP address: nope/);
    // With no --gateway the first address is the bridge's, containers start at ::2.
    const out = ok(['run', '--rm', '--network', net, '--link-local-ip', '169.254.8.8', '--link-local-ip', 'fe80::f00d', 'busybox', 'ip', 'addr', 'show', 'eth0']);
    assert.match(out, /inet 169\.254\.8\.8\/16/);
    assert.match(out, /inet6 fe80::f00d\/64 scope link/);
    assert.match(out, new RegExp(`inet6 ${v6}::2/64 scope global`));
    ok(['create', '--name', 'six-ll', '--network', net, '--link-local-ip', '169.254.8.9', 'busybox', 'top']);
    assert.deepEqual(JSON.parse(ok(['inspect', '-f', `{{json (index .NetworkSettings.Networks "${net}").IPAMConfig}}`, 'six-ll'])), { LinkLocalIPs: ['169.254.8.9'] });
  } finally {
    d.docker(['rm', '-f', 'six-ll']);
    d.docker(['network', 'rm', net]);
  }
});

test('docker-py: an IPv6 pool without EnableIPv6 is kept and shown, an --ip6 there kept and unused; ipv6 enabled reads back', () => {
  const ula = freeUla();
  const v6 = `${ula}:1`;
  const w6 = `${ula}:2`;
  const r = dockerPy(d.socket, `
from docker.types import IPAMConfig, IPAMPool
api = client.api
out = {}
a = api.create_network('v6py-a', ipam=IPAMConfig(driver='default', pool_configs=[IPAMPool(subnet='${v6}::/64')]))
b = api.create_network('v6py-b', enable_ipv6=True, ipam=IPAMConfig(driver='default', pool_configs=[IPAMPool(subnet='${w6}::/64', iprange='${w6}::/96', gateway='${w6}::ffff')]))
try:
    na = api.inspect_network('v6py-a')
    out['a'] = [na['EnableIPv6'], [x['Subnet'] for x in na['IPAM']['Config']][1:], 'Gateway' in na['IPAM']['Config'][0]]
    out['b'] = api.inspect_network('v6py-b')['EnableIPv6']
    ct = api.create_container('busybox', 'top', host_config=api.create_host_config(network_mode='v6py-a'),
        networking_config=api.create_networking_config({'v6py-a': api.create_endpoint_config(ipv6_address='${v6}::f00d')}))
    try:
        api.start(ct)
        e = api.inspect_container(ct)['NetworkSettings']['Networks']['v6py-a']
        out['ep'] = [e['IPAMConfig'], e['GlobalIPv6Address'], e['IPv6Gateway']]
    finally:
        api.remove_container(ct, force=True)
    ct = api.create_container('busybox', 'top', host_config=api.create_host_config(network_mode='v6py-b'),
        networking_config=api.create_networking_config({'v6py-b': api.create_endpoint_config(ipv6_address='${w6}::f00d')}))
    try:
        api.start(ct)
        api.connect_container_to_network(ct, 'v6py-a', link_local_ips=['169.254.9.9'])
        n = api.inspect_container(ct)['NetworkSettings']['Networks']
        out['b_ep'] = [n['v6py-b']['GlobalIPv6Address'], n['v6py-a']['IPAMConfig']]
    finally:
        api.remove_container(ct, force=True)
finally:
    api.remove_network(a['Id'])
    api.remove_network(b['Id'])
print(json.dumps(out))`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    a: [false, [`${v6}::/64`], true],
    b: true,
    ep: [{ IPv6Address: `${v6}::f00d` }, '', ''],
    b_ep: [`${w6}::f00d`, { LinkLocalIPs: ['169.254.9.9'] }],
  });
});

test('after a berthd restart: the IPv6 endpoint, the bridge gateway and the ip6tables rule are kept, the next address follows', async () => {
  const v6 = `${freeUla()}:1`;
  const net = `v6rs-${randomBytes(3).toString('hex')}`;
  ok(['network', 'create', '--ipv6', '--subnet', `${v6}::/64`, net]);
  try {
    ok(['run', '-d', '--name', 'six-live', '--network', net, 'busybox', 'top']);
    await d.restart();
    const ip6 = (name: string) => ok(['inspect', '-f', `{{(index .NetworkSettings.Networks "${net}").GlobalIPv6Address}}`, name]);
    assert.equal(ip6('six-live'), `${v6}::2`);
    assert.match(ip6nat(), new RegExp(`-s ${v6}::/64 .*-j MASQUERADE`));
    ok(['run', '-d', '--name', 'six-next', '--network', net, 'busybox', 'top']);
    assert.equal(ip6('six-next'), `${v6}::3`);
    assert.match(ok(['exec', 'six-next', 'ping6', '-c1', '-W2', `${v6}::2`]), /1 packets received/);
  } finally {
    d.docker(['rm', '-f', 'six-live', 'six-next']);
    d.docker(['network', 'rm', net]);
  }
});
