// Isolation defaults and the flags that change them, through berth and the
// real docker CLI: capabilities, seccomp, no-new-privileges, masked and
// read-only /proc and /sys paths, --device, --sysctl, --group-add.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let tmp: string;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  tmp = mkdtempSync(join(tmpdir(), 'berth-secdef-'));
});
after(async () => {
  await d?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

type Cli = 'berth' | 'docker';
const run = (cli: Cli, args: string[]) => (cli === 'berth' ? d.berth(args) : d.docker(args));
const ok = (cli: Cli, args: string[]) => {
  const r = run(cli, args);
  assert.equal(r.code, 0, `${cli} ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
};
const status = (cli: Cli, field: string, flags: string[] = []) =>
  ok(cli, ['run', '--rm', ...flags, 'busybox', 'grep', `^${field}:`, '/proc/self/status']).split(':')[1].trim();

for (const cli of ['berth', 'docker'] as Cli[]) {
  test(`${cli}: capabilities: defaults, --cap-add/--cap-drop with ALL, CAP_ prefix and any case`, () => {
    assert.equal(status(cli, 'CapEff'), '00000000a80425fb');
    assert.equal(status(cli, 'CapEff', ['--cap-drop', 'ALL']), '0000000000000000');
    assert.equal(status(cli, 'CapEff', ['--cap-drop', 'all', '--cap-add', 'net_admin']), '0000000000001000');
    assert.equal(status(cli, 'CapEff', ['--cap-add', 'CAP_SYS_ADMIN', '--cap-drop', 'Chown']), '00000000a82425fa');
    // ALL on a host whose bounding set lacks some capabilities: only what the host has
    const bnd = status(cli, 'CapBnd', ['--cap-add', 'ALL']);
    assert.equal(status(cli, 'CapEff', ['--cap-add', 'ALL']), bnd);
    const bad = run(cli, ['run', '--rm', '--cap-add', 'bogus', 'busybox', 'true']);
    assert.equal(bad.code, 125);
    assert.match(bad.stderr, /invalid CapAdd: unknown capability: "CAP_BOGUS"/);
    const badDrop = run(cli, ['create', '--cap-drop', 'CAP_NOPE', 'busybox']);
    assert.notEqual(badDrop.code, 0);
    assert.match(badDrop.stderr, /invalid CapDrop: unknown capability: "CAP_NOPE"/);
    // without NET_ADMIN the container cannot change even its own network
    assert.notEqual(run(cli, ['run', '--rm', 'busybox', 'ip', 'link', 'add', 'dummy0', 'type', 'dummy']).code, 0);
  });

  test(`${cli}: seccomp: default profile, unconfined, a profile from a file; no-new-privileges`, () => {
    assert.equal(status(cli, 'Seccomp'), '2');
    assert.equal(status(cli, 'Seccomp', ['--security-opt', 'seccomp=unconfined']), '0');
    const profile = join(tmp, `deny-mkdir-${cli}.json`);
    writeFileSync(profile, JSON.stringify({
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO' }],
    }));
    const denied = run(cli, ['run', '--rm', '--security-opt', `seccomp=${profile}`, 'busybox', 'mkdir', '/x']);
    assert.notEqual(denied.code, 0);
    assert.match(denied.stderr, /Operation not permitted/);
    assert.equal(ok(cli, ['run', '--rm', '--security-opt', `seccomp=${profile}`, 'busybox', 'sh', '-c', 'touch /y && echo made']), 'made\n');
    // the default profile refuses what needs capabilities the container lacks (unshare of a user ns is fine, mount is not)
    assert.notEqual(run(cli, ['run', '--rm', 'busybox', 'mount', '-t', 'tmpfs', 'none', '/mnt']).code, 0);
    assert.equal(status(cli, 'NoNewPrivs'), '0');
    assert.equal(status(cli, 'NoNewPrivs', ['--security-opt', 'no-new-privileges']), '1');
    assert.equal(status(cli, 'NoNewPrivs', ['--security-opt', 'no-new-privileges=true']), '1');
  });

  test(`${cli}: masked and read-only /proc and /sys paths as Docker's`, () => {
    const out = ok(cli, ['run', '--rm', 'busybox', 'sh', '-c', [
      'for p in /proc/kcore /proc/keys /proc/timer_list /proc/sched_debug; do [ -e $p ] && printf "%s=%s " $p $(cat $p | wc -c); done',
      'echo',
      'ls /sys/firmware | wc -l',
      'echo 1 > /proc/sysrq-trigger && echo sysrq-written',
      'echo 1 > /proc/sys/vm/drop_caches && echo dropcaches-written',
      'touch /sys/kernel/x && echo sys-written',
      // (this kernel has no /proc/sysrq-trigger; runc skips paths that do not exist)
      'grep -E " /proc/(sys|bus|fs|irq) " /proc/self/mounts | grep -c "[ ,]ro[ ,]"',
      'grep -E "^sysfs /sys " /proc/self/mounts | grep -c "[ ,]ro[ ,]"',
    ].join('; ')]);
    const [sizes, firmware, ...rest] = out.trim().split('\n');
    for (const kv of sizes.trim().split(' ').filter(Boolean)) assert.match(kv, /=0$/, `${kv} is masked`);
    assert.equal(firmware, '0');
    assert.ok(!out.includes('-written'), out);
    assert.deepEqual(rest, ['4', '1']);
  });

  test(`${cli}: --device adds a host node with a cgroup rule; missing devices are refused`, () => {
    assert.match(ok(cli, ['run', '--rm', '--device', '/dev/null:/dev/mynull', 'busybox', 'sh', '-c', 'ls -l /dev/mynull; echo hi > /dev/mynull && echo wrote']), /^crw-rw-rw-\s+1 root\s+root\s+1,\s+3 .*\/dev\/mynull\nwrote\n$/);
    assert.equal(ok(cli, ['run', '--rm', '--device', '/dev/zero', 'busybox', 'sh', '-c', 'head -c 5 /dev/zero | wc -c']).trim(), '5');
    // read-only permission: the device cgroup allows reading /dev/fuse only
    const fuse = ok(cli, ['run', '--rm', '--device', '/dev/fuse:/dev/myfuse:r', 'busybox', 'sh', '-c', '(exec 3</dev/myfuse) && echo read-ok; (exec 3>/dev/myfuse) 2>&1 || echo write-refused']);
    assert.match(fuse, /read-ok/);
    assert.match(fuse, /Operation not permitted\nwrite-refused/);
    // without --device, a node made with mknod cannot be opened
    assert.match(ok(cli, ['run', '--rm', 'busybox', 'sh', '-c', 'mknod /tmp/f c 10 229 && (exec 3</tmp/f) 2>&1 || echo refused']), /Operation not permitted\nrefused/);
    const missing = run(cli, ['run', '--rm', '--device', '/dev/berth-nope', 'busybox', 'true']);
    // 127: the docker CLI maps "no such file or directory" in a run error to 127
    assert.equal(missing.code, 127);
    assert.match(missing.stderr, /error gathering device information while adding custom device "\/dev\/berth-nope": no such file or directory/);
    const file = run(cli, ['create', '--device', '/etc/hostname', 'busybox']);
    assert.notEqual(file.code, 0);
    assert.match(file.stderr, /not a device node/);
  });

  test(`${cli}: --sysctl: namespaced ones applied, others refused`, () => {
    assert.equal(ok(cli, ['run', '--rm', '--sysctl', 'net.ipv4.ip_forward=1', '--sysctl', 'kernel.shmmax=123456789', 'busybox', 'cat', '/proc/sys/net/ipv4/ip_forward', '/proc/sys/kernel/shmmax']), '1\n123456789\n');
    assert.equal(ok(cli, ['run', '--rm', '--sysctl', 'fs.mqueue.msg_max=20', 'busybox', 'cat', '/proc/sys/fs/mqueue/msg_max']), '20\n');
    const bad = run(cli, ['run', '--rm', '--sysctl', 'kernel.panic=1', 'busybox', 'true']);
    assert.equal(bad.code, 125);
    assert.match(bad.stderr, /invalid argument "kernel.panic=1" for "--sysctl" flag: sysctl 'kernel.panic=1' is not allowed/);
  });

  test(`${cli}: --group-add by name and id`, () => {
    assert.equal(ok(cli, ['run', '--rm', '--group-add', 'audio', '--group-add', '4242', 'busybox', 'id']).trim(), 'uid=0(root) gid=0(root) groups=0(root),10(wheel),29(audio),4242');
    const bad = run(cli, ['run', '--rm', '--group-add', 'nosuchgroup', 'busybox', 'id']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /Unable to find group nosuchgroup/);
  });
}

test('API: sysctls and capabilities are checked at create, nothing is made', async () => {
  const before = (await d.api('GET', '/containers/json?all=1')).json.length;
  for (const HostConfig of [
    { Sysctls: { 'kernel.panic': '1' } },
    { Sysctls: { 'vm.swappiness': '1' } },
    { NetworkMode: 'host', Sysctls: { 'net.ipv4.ip_forward': '1' } },
    { CapAdd: ['NOT_A_CAP'] },
    { CapAdd: 'CAP_CHOWN' },
    { Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/x', CgroupPermissions: 'rwx' }] },
  ]) {
    const r = await d.api('POST', '/containers/create', { Image: 'busybox', HostConfig });
    assert.equal(r.status, 400, `${JSON.stringify(HostConfig)} → ${r.status} ${r.body}`);
    assert.ok(r.json?.message, r.body);
  }
  assert.equal((await d.api('GET', '/containers/json?all=1')).json.length, before);
  const r = await d.api('POST', '/containers/create', { Image: 'busybox', HostConfig: { CapAdd: ['net_admin'], CapDrop: ['cap_chown'] } });
  assert.equal(r.status, 201, r.body);
  const hc = (await d.api('GET', `/containers/${r.json.Id}/json`)).json.HostConfig;
  assert.deepEqual([hc.CapAdd, hc.CapDrop], [['CAP_NET_ADMIN'], ['CAP_CHOWN']]);
  await d.api('DELETE', `/containers/${r.json.Id}`);
});
