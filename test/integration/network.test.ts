// Networking through a real berthd with the CNI plugins and iptables: the
// default bridge, published ports, user-defined networks with the embedded
// DNS server, links, connect/disconnect, bad input, and what is left after
// removal. Containers serve with busybox httpd; clients use `timeout 5 wget`
// (Debian's static busybox `wget -T` crashes). Every suite has its own
// bridge and subnets (harness), never berth0/docker0 or 172.17/16.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import * as packet from 'dns-packet';
import Docker from 'dockerode';
import Database from 'better-sqlite3';
import http from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { freeSubnet, ROOT, startTestDaemon, type Daemon } from './harness';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  await d?.stop();
});
// A failed test must not leave containers or networks that fail the next one's checks.
beforeEach(() => {
  const ids = d.berth(['ps', '-aq']).stdout.split('\n').filter(Boolean);
  if (ids.length) d.berth(['rm', '-f', ...ids]);
  const nets = d.berth(['network', 'ls', '--filter', 'type=custom', '-q']).stdout.split('\n').filter(Boolean);
  if (nets.length) d.berth(['network', 'rm', ...nets]);
});

const ok = (args: string[]) => {
  const r = d.berth(args);
  assert.equal(r.code, 0, `berth ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
};
const dockerOk = (args: string[]) => {
  const r = d.docker(args);
  assert.equal(r.code, 0, `docker ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
};
const serve = (text: string) => ['sh', '-c', `mkdir -p /www && echo ${text} > /www/index.html && exec httpd -f -p 80 -h /www`];
const randomPort = () => 20000 + Math.floor(Math.random() * 20000);
const hostAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal && !a.address.startsWith('10.2'))?.address;
const tag = () => createHash('sha256').update(join(d.dataRoot, 'root')).digest('hex').slice(0, 8);

function get(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: '/', timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** The server in a just-started container needs a moment: retry for up to ~10 s. */
async function getEventually(host: string, port: number): Promise<string> {
  let last: unknown;
  for (let i = 0; i < 50; i++) {
    try {
      return await get(host, port);
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw last;
}

/** wget from a fresh container, retried while the server starts. */
function fetchFrom(args: string[], url: string): { code: number; out: string } {
  let r = d.berth(['run', '--rm', '--init', ...args, 'busybox', 'timeout', '5', 'wget', '-qO-', url]);
  for (let i = 0; i < 20 && r.code !== 0; i++) {
    spawnSync('sleep', ['0.5']);
    r = d.berth(['run', '--rm', '--init', ...args, 'busybox', 'timeout', '5', 'wget', '-qO-', url]);
  }
  return { code: r.code, out: r.stdout };
}

/**
 * What a container's networking left behind. The veths of an exited
 * container's namespace are taken down by the kernel in the background
 * (berthd drops the namespace rather than deleting each veth): they get a
 * few seconds to go.
 */
async function leftovers(liveVeths = 0): Promise<{ veths: string[]; leases: string[]; netns: string[]; rules: string[] }> {
  const vethsNow = () => spawnSync('ip', ['-br', 'link', 'show', 'master', d.bridge], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  let veths = vethsNow();
  for (let i = 0; i < 100 && veths.length > liveVeths; i++) {
    await new Promise((r) => setTimeout(r, 50));
    veths = vethsNow();
  }
  const ipam = join(d.execRoot, 'cni', 'ipam');
  const leases = existsSync(ipam)
    ? readdirSync(ipam).flatMap((n) => readdirSync(join(ipam, n)).filter((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f)).map((f) => `${n}/${f}`))
    : [];
  const netnsDir = join(d.execRoot, 'netns');
  const netns = existsSync(netnsDir) ? readdirSync(netnsDir) : [];
  const rules = ['nat', 'filter']
    .flatMap((t) => spawnSync('iptables', ['-w', '-t', t, '-S'], { encoding: 'utf8' }).stdout.split('\n'))
    .filter((l) => l.includes(`berth-${tag()}-`));
  return { veths, leases, netns, rules };
}

test('network ls shows bridge, host and none; a container on the default bridge gets an address and a Docker MAC', async () => {
  const out = ok(['network', 'ls']);
  assert.match(out, /^NETWORK ID\s+NAME\s+DRIVER\s+SCOPE$/m);
  for (const [name, driver] of [['bridge', 'bridge'], ['host', 'host'], ['none', 'null']]) {
    assert.match(out, new RegExp(`^[0-9a-f]{12}\\s+${name}\\s+${driver}\\s+local$`, 'm'));
  }
  assert.match(dockerOk(['network', 'ls', '--format', '{{.Name}}']), /^bridge\nhost\nnone\n$/);
  const bridge = JSON.parse(ok(['network', 'inspect', 'bridge']))[0];
  assert.equal(bridge.IPAM.Config[0].Subnet, d.subnet);
  assert.equal(bridge.Options['com.docker.network.bridge.name'], d.bridge);
  assert.match(ok(['info']), /Network: bridge host null/);

  const id = ok(['run', '-d', 'busybox', 'sleep', '60']).trim();
  const ns = JSON.parse(ok(['inspect', id]))[0].NetworkSettings;
  assert.equal(JSON.parse(ok(['inspect', id]))[0].HostConfig.NetworkMode, 'bridge');
  const ep = ns.Networks.bridge;
  assert.ok(ep.IPAddress.startsWith(`${d.net}.`), ep.IPAddress);
  assert.equal(ep.Gateway, `${d.net}.1`);
  assert.equal(ep.IPPrefixLen, 24);
  const octets = ep.IPAddress.split('.').map((x: string) => Number(x).toString(16).padStart(2, '0'));
  assert.equal(ep.MacAddress, `02:42:${octets.join(':')}`);
  assert.equal(ep.NetworkID, bridge.Id);
  assert.match(ep.EndpointID, /^[0-9a-f]{64}$/);
  assert.equal(ns.IPAddress, ep.IPAddress);
  assert.equal(ns.MacAddress, ep.MacAddress);
  assert.match(ok(['exec', id, 'ip', 'addr', 'show', 'eth0']), new RegExp(`inet ${ep.IPAddress.replace(/\./g, '\\.')}/24`));
  assert.match(ok(['exec', id, 'cat', '/etc/hosts']), new RegExp(`${ep.IPAddress.replace(/\./g, '\\.')}\\t${id.slice(0, 12)}`));
  const inspected = JSON.parse(ok(['network', 'inspect', 'bridge']))[0];
  assert.equal(inspected.Containers[id].IPv4Address, `${ep.IPAddress}/24`);
  ok(['rm', '-f', id]);
  assert.deepEqual(await leftovers(), { veths: [], leases: [], netns: [], rules: [] });
  // host and none
  assert.equal(ok(['run', '--rm', '--network', 'none', 'busybox', 'ls', '/sys/class/net']).trim(), 'lo');
  assert.match(ok(['run', '--rm', '--network', 'host', 'busybox', 'ls', '/sys/class/net']), new RegExp(d.bridge));
});

test('published ports answer on 127.0.0.1, on the host address and from other containers; port, ps and inspect show them', async () => {
  const port = randomPort();
  const id = ok(['run', '-d', '--name', 'web', '-p', `${port}:80`, '-p', `127.0.0.1::81/udp`, 'busybox', ...serve('hello')]).trim();
  assert.equal(await getEventually('127.0.0.1', port), 'hello\n');
  const addr = hostAddress();
  if (addr) assert.equal(await getEventually(addr, port), 'hello\n');
  assert.equal(fetchFrom([], `http://${d.net}.1:${port}/`).out, 'hello\n');

  const ports = JSON.parse(ok(['inspect', id]))[0].NetworkSettings.Ports;
  assert.deepEqual(ports['80/tcp'], [{ HostIp: '0.0.0.0', HostPort: String(port) }]);
  const udp = ports['81/udp'][0];
  assert.equal(udp.HostIp, '127.0.0.1');
  assert.ok(Number(udp.HostPort) > 1024);
  assert.equal(ok(['port', 'web']), `80/tcp -> 0.0.0.0:${port}\n81/udp -> 127.0.0.1:${udp.HostPort}\n`);
  assert.equal(ok(['port', 'web', '80']), `0.0.0.0:${port}\n`);
  assert.equal(dockerOk(['port', 'web', '80/tcp']), `0.0.0.0:${port}\n`);
  const noPort = d.berth(['port', 'web', '99']);
  assert.equal(noPort.code, 1);
  assert.match(noPort.stderr, /No public port '99\/tcp' published for web/);
  assert.match(ok(['ps']), new RegExp(`0\\.0\\.0\\.0:${port}->80/tcp`));
  assert.equal(ok(['ps', '--filter', `publish=${port}`, '--format', '{{.Names}}']), 'web\n');
  assert.equal(ok(['ps', '--filter', 'expose=81/udp', '--format', '{{.Names}}']), 'web\n');
  assert.equal(ok(['ps', '--filter', 'expose=81/tcp', '--format', '{{.Names}}']), '');
  assert.match(dockerOk(['ps', '--format', '{{.Ports}}']), new RegExp(`0\\.0\\.0\\.0:${port}->80/tcp`));

  // A taken host port is refused with Docker's error and nothing is left half-made.
  const before = await leftovers(1);
  const taken = d.berth(['run', '--name', 'clash', '-p', `${port}:80`, 'busybox', 'true']);
  assert.equal(taken.code, 125);
  assert.match(taken.stderr, new RegExp(`Bind for 0\\.0\\.0\\.0:${port} failed: port is already allocated`));
  assert.deepEqual(await leftovers(before.veths.length), before);
  ok(['rm', 'clash']);

  // A range maps port by port.
  const r0 = randomPort();
  ok(['run', '-d', '--name', 'ranged', '-p', `${r0}-${r0 + 1}:80-81`, 'busybox', 'sleep', '60']);
  assert.equal(ok(['port', 'ranged']), `80/tcp -> 0.0.0.0:${r0}\n81/tcp -> 0.0.0.0:${r0 + 1}\n`);
  ok(['rm', '-f', 'ranged']);

  // Bound to 127.0.0.1 only: answers there, not on the host's other addresses.
  const local = randomPort();
  ok(['run', '-d', '--name', 'local', '-p', `127.0.0.1:${local}:80`, 'busybox', ...serve('local')]);
  assert.equal(await getEventually('127.0.0.1', local), 'local\n');
  if (addr) await assert.rejects(get(addr, local));
  ok(['rm', '-f', 'local']);

  // -P publishes every exposed port on an ephemeral host port.
  const all = ok(['run', '-d', '--expose', '80', '-P', 'busybox', ...serve('auto')]).trim();
  const eph = JSON.parse(dockerOk(['inspect', all]))[0].NetworkSettings.Ports['80/tcp'][0];
  assert.equal(eph.HostIp, '0.0.0.0');
  assert.equal(await getEventually('127.0.0.1', Number(eph.HostPort)), 'auto\n');
  ok(['rm', '-f', all, 'web']);
  await assert.rejects(get('127.0.0.1', port));
  assert.deepEqual(await leftovers(), { veths: [], leases: [], netns: [], rules: [] });
});

test('a host port held by another process is refused', async () => {
  const srv = http.createServer();
  await new Promise<void>((r) => srv.listen(0, '0.0.0.0', () => r()));
  const port = (srv.address() as { port: number }).port;
  try {
    const r = d.docker(['run', '--rm', '-p', `${port}:80`, 'busybox', 'true']);
    assert.equal(r.code, 125);
    assert.match(r.stderr, new RegExp(`failed to bind host port for 0\\.0\\.0\\.0:${port}:.*:80/tcp: address already in use`));
  } finally {
    srv.close();
  }
  assert.deepEqual((await leftovers()).veths, []);
});

test('user-defined networks: by IP, by name, by alias and short ID through the embedded DNS; --ip; inspect', async () => {
  const subnet = freeSubnet();
  const net = subnet.split('.').slice(0, 3).join('.');
  const nid = ok(['network', 'create', '--subnet', subnet, '--label', 'team=a', 'appnet']).trim();
  assert.match(nid, /^[0-9a-f]{64}$/);
  const a = ok(['run', '-d', '--name', 'alpha', '--network', 'appnet', '--network-alias', 'web', '--ip', `${net}.50`, 'busybox', ...serve('from-alpha')]).trim();
  const ep = JSON.parse(ok(['inspect', a]))[0].NetworkSettings.Networks.appnet;
  assert.equal(ep.IPAddress, `${net}.50`);
  assert.equal(ep.NetworkID, nid);
  assert.deepEqual(ep.Aliases, ['web']);
  assert.deepEqual(ep.DNSNames, ['alpha', a.slice(0, 12), 'web']);
  for (const host of [`${net}.50`, 'alpha', 'web', a.slice(0, 12), 'alpha.appnet']) {
    assert.equal(fetchFrom(['--network', 'appnet'], `http://${host}/`).out, 'from-alpha\n', host);
  }
  assert.match(ok(['run', '--rm', '--network', 'appnet', 'busybox', 'cat', '/etc/resolv.conf']), new RegExp(`nameserver ${net}\\.1`));
  // The default bridge has no embedded DNS: names do not resolve there.
  assert.notEqual(d.berth(['run', '--rm', 'busybox', 'timeout', '5', 'wget', '-qO-', 'http://alpha/']).code, 0);
  const inspected = JSON.parse(dockerOk(['network', 'inspect', 'appnet']))[0];
  assert.equal(inspected.Containers[a].Name, 'alpha');
  assert.deepEqual(inspected.Labels, { team: 'a' });
  assert.equal(dockerOk(['network', 'ls', '--filter', 'label=team=a', '--format', '{{.Name}}']), 'appnet\n');

  // Removing a network in use is refused; after rm -f the network goes with its bridge.
  const busy = d.berth(['network', 'rm', 'appnet']);
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, /error while removing network: network appnet has active endpoints \(name:"alpha" id:"[0-9a-f]{12}"\)/);
  const bridge = `br-${nid.slice(0, 12)}`;
  assert.equal(spawnSync('ip', ['link', 'show', bridge]).status, 0);
  ok(['rm', '-f', 'alpha']);
  assert.equal(dockerOk(['network', 'rm', 'appnet']), 'appnet\n');
  assert.notEqual(spawnSync('ip', ['link', 'show', bridge]).status, 0);
  assert.deepEqual(await leftovers(), { veths: [], leases: [], netns: [], rules: [] });
  assert.equal(spawnSync('iptables', ['-w', '-t', 'nat', '-S'], { encoding: 'utf8' }).stdout.includes(subnet), false);
});

test('the embedded DNS server forwards other names to the container\'s --dns servers', async () => {
  // A tiny upstream on a loopback address of the host, where berthd (not the container) can reach it.
  const upstream = `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;
  const sock = createSocket('udp4');
  sock.on('message', (msg, from) => {
    const q = packet.decode(msg);
    const answer = packet.encode({
      type: 'response',
      id: q.id,
      flags: packet.RECURSION_AVAILABLE,
      questions: q.questions,
      answers: q.questions![0].name === 'outside.example' ? [{ type: 'A', name: 'outside.example', ttl: 60, class: 'IN', data: '192.0.2.77' }] : [],
    });
    sock.send(answer, from.port, from.address);
  });
  await new Promise<void>((r) => sock.bind(53, upstream, () => r()));
  try {
    ok(['network', 'create', '--subnet', freeSubnet(), 'fwd']);
    // Asynchronously: the upstream above answers from this process's event loop.
    const out = await new Promise<string>((resolve) => {
      const c = spawn(join(ROOT, 'bin', 'berth'), ['run', '--rm', '--network', 'fwd', '--dns', upstream, 'busybox', 'nslookup', 'outside.example'], {
        env: { ...process.env, BERTH_HOST: d.host },
      });
      let text = '';
      c.stdout.on('data', (b) => (text += b));
      c.stderr.on('data', (b) => (text += b));
      c.on('close', () => resolve(text));
    });
    assert.match(out, /Address: 192\.0\.2\.77/);
  } finally {
    sock.close();
    d.berth(['network', 'rm', 'fwd']);
  }
});

test('network create: bridge name option, gateway, ip-range; --mac-address', () => {
  const subnet = freeSubnet();
  const net = subnet.split('.').slice(0, 3).join('.');
  const br = `bn${Math.random().toString(16).slice(2, 10)}`;
  dockerOk(['network', 'create', '-o', `com.docker.network.bridge.name=${br}`, '--subnet', subnet, '--gateway', `${net}.254`, '--ip-range', `${net}.128/25`, 'ranged']);
  assert.match(spawnSync('ip', ['-4', 'addr', 'show', br], { encoding: 'utf8' }).stdout, new RegExp(`inet ${net}\\.254/24`));
  const cfg = JSON.parse(ok(['network', 'inspect', 'ranged']))[0].IPAM.Config[0];
  assert.deepEqual(cfg, { Subnet: subnet, IPRange: `${net}.128/25`, Gateway: `${net}.254` });
  const out = ok(['run', '--rm', '--network', 'ranged', '--mac-address', '02:42:aa:bb:cc:dd', 'busybox', 'ip', 'addr', 'show', 'eth0']);
  assert.match(out, new RegExp(`inet ${net}\\.128/24`));
  assert.match(out, /link\/ether 02:42:aa:bb:cc:dd/);
  assert.match(ok(['run', '--rm', '--network', 'ranged', 'busybox', 'ip', 'route']), new RegExp(`default via ${net}\\.254`));
  const badGw = d.berth(['network', 'create', '--subnet', freeSubnet(), '--gateway', '10.1.1.1', 'badgw']);
  assert.equal(badGw.code, 1);
  assert.match(badGw.stderr, /no matching subnet for gateway 10\.1\.1\.1/);
  assert.match(d.berth(['network', 'create', '--subnet', 'nonsense', 'bad']).stderr, /invalid subnet nonsense/);
  assert.match(d.docker(['network', 'create', '-d', 'overlay2', 'bad']).stderr, /plugin "overlay2" not found/);
  ok(['network', 'rm', 'ranged']);
  assert.notEqual(spawnSync('ip', ['link', 'show', br]).status, 0);
});

test('dockerode: create a network, run on it with an address and aliases, inspect, connect, remove', async () => {
  const docker = new Docker({ socketPath: d.socket });
  const subnet = freeSubnet();
  const net = subnet.split('.').slice(0, 3).join('.');
  const network = await docker.createNetwork({ Name: 'ode', IPAM: { Config: [{ Subnet: subnet }] }, Labels: { via: 'dockerode' } });
  const c = await docker.createContainer({
    Image: 'busybox',
    Cmd: ['sleep', '60'],
    HostConfig: { NetworkMode: 'ode' },
    NetworkingConfig: { EndpointsConfig: { ode: { IPAMConfig: { IPv4Address: `${net}.33` }, Aliases: ['svc'] } } },
  });
  await c.start();
  const info = await c.inspect();
  assert.equal(info.NetworkSettings.Networks.ode.IPAddress, `${net}.33`);
  assert.deepEqual(info.NetworkSettings.Networks.ode.Aliases, ['svc']);
  const listed = await docker.listNetworks({ filters: { label: ['via=dockerode'] } });
  assert.deepEqual(listed.map((n) => n.Name), ['ode']);
  const inspected = await network.inspect();
  assert.equal(inspected.Containers?.[c.id]?.IPv4Address, `${net}.33/24`);
  await docker.getNetwork('bridge').connect({ Container: c.id });
  assert.deepEqual(Object.keys((await c.inspect()).NetworkSettings.Networks).sort(), ['bridge', 'ode']);
  const busy = await network.remove().then(() => undefined, (err) => err);
  assert.equal(busy?.statusCode, 403);
  await c.remove({ force: true });
  await network.remove();
  assert.equal((await docker.listNetworks()).length, 3);
});

test('bad input gets Docker errors and leaves nothing: overlapping subnet, --ip outside, unknown network, predefined', async () => {
  const subnet = freeSubnet();
  const net = subnet.split('.').slice(0, 3).join('.');
  ok(['network', 'create', '--subnet', subnet, 'n1']);
  const overlap = d.berth(['network', 'create', '--subnet', `${net}.128/25`, 'n2']);
  assert.equal(overlap.code, 1);
  assert.match(overlap.stderr, /Pool overlaps with other one on this address space/);
  const dup = d.docker(['network', 'create', 'n1']);
  assert.match(dup.stderr, /network with name n1 already exists/);
  assert.doesNotMatch(ok(['network', 'ls']), /n2/);
  const outside = d.berth(['run', '--rm', '--network', 'n1', '--ip', '10.1.2.3', 'busybox', 'true']);
  assert.equal(outside.code, 125);
  assert.match(outside.stderr, /no configured subnet or ip-range contain the IP address 10\.1\.2\.3/);
  const onBridge = d.berth(['run', '--rm', '--ip', `${d.net}.77`, 'busybox', 'true']);
  assert.equal(onBridge.code, 125);
  assert.match(onBridge.stderr, /user specified IP address is supported on user defined networks only/);
  const unknown = d.docker(['run', '--rm', '--network', 'nosuchnet', 'busybox', 'true']);
  assert.equal(unknown.code, 125);
  assert.match(unknown.stderr, /network nosuchnet not found/);
  const predefined = d.berth(['network', 'rm', 'bridge']);
  assert.match(predefined.stderr, /bridge is a pre-defined network and cannot be removed/);
  assert.match(d.berth(['network', 'rm', 'nosuch']).stderr, /network nosuch not found/);
  // The API directly: statuses and Docker's error shape.
  const noName = await d.api('POST', '/networks/create', { Driver: 'bridge' });
  assert.equal(noName.status, 400);
  assert.equal(typeof noName.json.message, 'string');
  assert.equal((await d.api('GET', '/networks/nosuch')).status, 404);
  assert.equal((await d.api('DELETE', '/networks/host')).status, 403);
  assert.equal((await d.api('POST', '/networks/create', { Name: 'n3', IPAM: { Config: [{ Subnet: `${net}.0/26` }] } })).status, 403);
  assert.equal((await d.api('POST', '/networks/create', { Name: 'n1' })).status, 409);
  assert.equal(ok(['network', 'prune', '-f']), 'Deleted Networks:\nn1\n\n');
  assert.equal(ok(['network', 'ls', '-q']).trim().split('\n').length, 3);
  assert.deepEqual(await leftovers(), { veths: [], leases: [], netns: [], rules: [] });
});

test('--internal cuts traffic leaving the network but not inside it', () => {
  const subnet = freeSubnet();
  ok(['network', 'create', '--internal', '--subnet', subnet, 'inner']);
  const port = randomPort();
  ok(['run', '-d', '--name', 'outside', '-p', `${port}:80`, 'busybox', ...serve('outside')]);
  ok(['run', '-d', '--name', 'inside', '--network', 'inner', 'busybox', ...serve('inside')]);
  const outsideIp = JSON.parse(ok(['inspect', 'outside']))[0].NetworkSettings.IPAddress;
  // Reachable from the default bridge, not from the internal network.
  assert.equal(fetchFrom([], `http://${outsideIp}/`).out, 'outside\n');
  assert.notEqual(d.berth(['run', '--rm', '--init', '--network', 'inner', 'busybox', 'timeout', '3', 'wget', '-qO-', `http://${outsideIp}/`]).code, 0);
  assert.doesNotMatch(ok(['run', '--rm', '--network', 'inner', 'busybox', 'ip', 'route']), /default/);
  assert.equal(fetchFrom(['--network', 'inner'], 'http://inside/').out, 'inside\n');
  ok(['rm', '-f', 'outside', 'inside']);
  ok(['network', 'rm', 'inner']);
});

test('bridge networks are isolated from each other; published ports stay reachable from all', async () => {
  const subnet = freeSubnet();
  ok(['network', 'create', '--subnet', subnet, 'island']);
  const port = randomPort();
  ok(['run', '-d', '--name', 'mainland', '-p', `${port}:80`, 'busybox', ...serve('mainland')]);
  const ip = JSON.parse(ok(['inspect', 'mainland']))[0].NetworkSettings.IPAddress;
  assert.equal(fetchFrom([], `http://${ip}/`).out, 'mainland\n');
  assert.notEqual(d.berth(['run', '--rm', '--init', '--network', 'island', 'busybox', 'timeout', '3', 'wget', '-qO-', `http://${ip}/`]).code, 0);
  assert.equal(fetchFrom(['--network', 'island'], `http://${d.net}.1:${port}/`).out, 'mainland\n');
  // A container on both networks reaches both.
  ok(['run', '-d', '--name', 'bridgehead', '--network', 'island', 'busybox', 'sleep', '60']);
  ok(['network', 'connect', 'bridge', 'bridgehead']);
  assert.equal(ok(['exec', 'bridgehead', 'timeout', '5', 'wget', '-qO-', `http://${ip}/`]), 'mainland\n');
  assert.equal(ok(['ps', '--filter', 'network=island', '--format', '{{.Names}}']), 'bridgehead\n');
  ok(['rm', '-f', 'mainland', 'bridgehead']);
  ok(['network', 'rm', 'island']);
  assert.deepEqual(await leftovers(), { veths: [], leases: [], netns: [], rules: [] });
});

test('--network container:NAME shares the other container\'s namespace', () => {
  const id = ok(['run', '-d', '--name', 'owner', 'busybox', 'sleep', '60']).trim();
  const ip = JSON.parse(ok(['inspect', id]))[0].NetworkSettings.IPAddress;
  assert.match(ok(['run', '--rm', '--network', 'container:owner', 'busybox', 'ip', 'addr', 'show', 'eth0']), new RegExp(`inet ${ip.replace(/\./g, '\\.')}/`));
  const pub = d.berth(['run', '--rm', '--network', 'container:owner', '-p', '80', 'busybox', 'true']);
  assert.equal(pub.code, 125);
  assert.match(pub.stderr, /conflicting options: port publishing and the container type network mode/);
  ok(['rm', '-f', 'owner']);
});

test('legacy links: environment variables and /etc/hosts entries as Docker sets them', () => {
  const db = ok(['run', '-d', '--name', 'db', '-e', 'SECRET=s3', '--expose', '5432', '--expose', '80/udp', 'busybox', 'sleep', '60']).trim();
  const ip = JSON.parse(ok(['inspect', db]))[0].NetworkSettings.IPAddress;
  const env = ok(['run', '--rm', '--name', 'app', '--link', 'db:data', 'busybox', 'env']).split('\n');
  for (const want of [
    'DATA_NAME=/app/data',
    `DATA_PORT=udp://${ip}:80`,
    `DATA_PORT_5432_TCP=tcp://${ip}:5432`,
    `DATA_PORT_5432_TCP_ADDR=${ip}`,
    'DATA_PORT_5432_TCP_PORT=5432',
    'DATA_PORT_5432_TCP_PROTO=tcp',
    `DATA_PORT_80_UDP=udp://${ip}:80`,
    'DATA_ENV_SECRET=s3',
  ]) {
    assert.ok(env.includes(want), `${want} missing in\n${env.join('\n')}`);
  }
  assert.ok(!env.some((e) => e.startsWith('DATA_ENV_PATH=')));
  const hosts = ok(['run', '--rm', '--link', 'db:data', 'busybox', 'cat', '/etc/hosts']);
  assert.match(hosts, new RegExp(`^${ip.replace(/\./g, '\\.')}\\tdata ${db.slice(0, 12)} db$`, 'm'));
  assert.match(ok(['run', '--rm', '--link', 'db', 'busybox', 'cat', '/etc/hosts']), new RegExp(`\\tdb ${db.slice(0, 12)}$`, 'm'));
  const missing = d.berth(['run', '--rm', '--link', 'nosuch:x', 'busybox', 'true']);
  assert.equal(missing.code, 125);
  assert.match(missing.stderr, /could not get container for nosuch/);
  // --add-host and --dns shape /etc/hosts and resolv.conf.
  const etc = ok(['run', '--rm', '--add-host', 'db.local:10.9.8.7', '--add-host', 'gw:host-gateway', '--dns', '10.0.0.53', '--dns-search', 'example.org', '--dns-option', 'ndots:2', 'busybox', 'sh', '-c', 'cat /etc/hosts /etc/resolv.conf']);
  assert.match(etc, /^10\.9\.8\.7\tdb\.local$/m);
  assert.match(etc, new RegExp(`^${d.net}\\.1\\tgw$`, 'm'));
  assert.match(etc, /^search example\.org\nnameserver 10\.0\.0\.53\noptions ndots:2$/m);
  ok(['rm', '-f', 'db']);
});

test('connect and disconnect a running container', async () => {
  const subnet = freeSubnet();
  const net = subnet.split('.').slice(0, 3).join('.');
  ok(['network', 'create', '--subnet', subnet, 'side']);
  ok(['run', '-d', '--name', 'joiner', 'busybox', ...serve('joined')]);
  dockerOk(['network', 'connect', '--alias', 'j', '--ip', `${net}.9`, 'side', 'joiner']);
  const nets = JSON.parse(ok(['inspect', 'joiner']))[0].NetworkSettings.Networks;
  assert.deepEqual(Object.keys(nets).sort(), ['bridge', 'side']);
  assert.equal(nets.side.IPAddress, `${net}.9`);
  assert.match(ok(['exec', 'joiner', 'ip', 'addr', 'show', 'eth1']), new RegExp(`inet ${net}\\.9/24`));
  assert.equal(fetchFrom(['--network', 'side'], 'http://j/').out, 'joined\n');
  const again = d.berth(['network', 'connect', 'side', 'joiner']);
  assert.match(again.stderr, /endpoint with name joiner already exists in network side/);
  ok(['network', 'disconnect', 'side', 'joiner']);
  // Looked at from the host, in the container's namespace (SandboxKey).
  const sandbox = JSON.parse(ok(['inspect', 'joiner']))[0].NetworkSettings.SandboxKey;
  const eth1 = spawnSync('nsenter', [`--net=${sandbox}`, 'ip', '-br', 'link'], { encoding: 'utf8' }).stdout;
  assert.doesNotMatch(eth1, /^eth1@/m, `${eth1}\n${readFileSync(join(d.dataRoot, 'berthd.log'), 'utf8').slice(-2000)}`);
  assert.match(eth1, /^eth0@/m);
  assert.deepEqual(Object.keys(JSON.parse(ok(['inspect', 'joiner']))[0].NetworkSettings.Networks), ['bridge']);
  assert.match(d.berth(['network', 'disconnect', 'side', 'joiner']).stderr, /is not connected to network side/);
  ok(['rm', '-f', 'joiner']);
  ok(['network', 'rm', 'side']);
  assert.deepEqual(await leftovers(), { veths: [], leases: [], netns: [], rules: [] });
});

test('after a berthd crash: live containers keep their network, dead ones are cleaned up at the next start', async () => {
  const port = randomPort();
  ok(['run', '-d', '--name', 'keeper', '-p', `${port}:80`, 'busybox', ...serve('kept')]);
  const goner = ok(['run', '-d', '--name', 'goner', 'busybox', 'sleep', '300']).trim();
  ok(['network', 'create', '--subnet', freeSubnet(), 'after']);
  ok(['run', '-d', '--name', 'named', '--network', 'after', 'busybox', ...serve('named')]);
  assert.equal(await getEventually('127.0.0.1', port), 'kept\n');
  const pid = JSON.parse(ok(['inspect', goner]))[0].State.Pid;
  d.kill9();
  // The container dies with its conmon while berthd is away: no exit file, so the next start must notice.
  spawnSync('pkill', ['-9', '-f', `conmon.*${goner}`]);
  process.kill(pid, 'SIGKILL');
  assert.equal(await getEventually('127.0.0.1', port), 'kept\n');
  await d.restart();
  assert.equal(await getEventually('127.0.0.1', port), 'kept\n');
  for (let i = 0; i < 50 && JSON.parse(ok(['inspect', 'goner']))[0].State.Running; i++) await new Promise((r) => setTimeout(r, 200));
  assert.equal(JSON.parse(ok(['inspect', 'goner']))[0].State.Running, false);
  // The published port is bound by berthd again: nobody else can take it.
  const squatter = http.createServer();
  await assert.rejects(new Promise((res, rej) => squatter.once('error', rej).listen(port, '0.0.0.0', () => res(undefined))), /EADDRINUSE/);
  squatter.close();
  // The embedded DNS server answers again.
  assert.equal(fetchFrom(['--network', 'after'], 'http://named/').out, 'named\n');
  ok(['rm', '-f', 'named']);
  ok(['network', 'rm', 'after']);
  const left = await leftovers(1);
  assert.equal(left.netns.length, 1);
  assert.equal(left.leases.length, 1);
  assert.equal(left.veths.length, 1);
  ok(['rm', '-f', 'keeper', 'goner']);
  assert.deepEqual(await leftovers(), { veths: [], leases: [], netns: [], rules: [] });
});

test('a crash between CNI ADD and the endpoint record leaves nothing after the next start', async () => {
  const id = ok(['run', '-d', '-p', '80', 'busybox', 'sleep', '300']).trim();
  const pid = JSON.parse(ok(['inspect', id]))[0].State.Pid;
  d.kill9();
  spawnSync('pkill', ['-9', '-f', `conmon.*${id}`]);
  process.kill(pid, 'SIGKILL');
  // As if berthd died before writing the endpoint row.
  const db = new Database(join(d.dataRoot, 'root', 'berth.db'));
  db.prepare('DELETE FROM endpoints WHERE container_id = ?').run(id);
  db.close();
  const dnat = () => spawnSync('iptables', ['-w', '-t', 'nat', '-S'], { encoding: 'utf8' }).stdout.includes(id);
  assert.ok(dnat());
  await d.restart();
  assert.equal(JSON.parse(ok(['inspect', id]))[0].State.Running, false);
  assert.deepEqual(await leftovers(), { veths: [], leases: [], netns: [], rules: [] });
  assert.ok(!dnat());
  ok(['rm', id]);
});

test('two daemons with their own bridges and subnets do not interfere; daemon.json dns', async () => {
  const other = await startTestDaemon({ images: ['busybox'], config: { dns: ['10.0.0.99'] } });
  try {
    const port = randomPort();
    ok(['run', '-d', '--name', 'one', '-p', `${port}:80`, 'busybox', ...serve('one')]);
    const r = other.berth(['run', '--rm', 'busybox', 'ip', 'addr', 'show', 'eth0']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`inet ${other.net.replace(/\./g, '\\.')}\\.2/24`));
    assert.match(other.berth(['run', '--rm', 'busybox', 'cat', '/etc/resolv.conf']).stdout, /^nameserver 10\.0\.0\.99$/m);
    assert.doesNotMatch(ok(['run', '--rm', 'busybox', 'cat', '/etc/resolv.conf']), /10\.0\.0\.99/);
    assert.equal(await getEventually('127.0.0.1', port), 'one\n');
    // berthd keeps a published port bound, so another daemon cannot take it.
    const clash = other.berth(['run', '--rm', '-p', `${port}:80`, 'busybox', 'true']);
    assert.equal(clash.code, 125);
    assert.match(clash.stderr, /address already in use/);
  } finally {
    await other.stop();
  }
  assert.equal(await getEventually('127.0.0.1', Number(ok(['port', 'one', '80']).trim().split(':')[1])), 'one\n');
  ok(['rm', '-f', 'one']);
});
