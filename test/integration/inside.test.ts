// What a process inside a default container cannot do: mount, load kernel
// modules, see or signal host processes, write /proc/sys or /sys, reach
// berthd's socket, or change the host's network (also with --network host).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
const link = `bx${randomBytes(3).toString('hex')}`;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  // should never exist; removed in case a regression created it
  spawnSync('ip', ['link', 'del', link]);
  await d?.stop();
});

/** Runs a shell script in a default container; returns what it printed (stdout+stderr). */
function inside(script: string, flags: string[] = []): { code: number; out: string } {
  const r = d.berth(['run', '--rm', ...flags, 'busybox', 'sh', '-c', script]);
  return { code: r.code, out: r.stdout + r.stderr };
}

const hostLinks = () => spawnSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).stdout;

test('cannot mount anything, not even a tmpfs or a bind', () => {
  for (const cmd of ['mount -t tmpfs none /tmp', 'mount --bind /bin /tmp', 'mount -t proc proc /tmp', 'umount /etc/hosts']) {
    const r = inside(cmd);
    assert.notEqual(r.code, 0, cmd);
    assert.match(r.out, /denied|not permitted/i, cmd);
  }
});

test('cannot load kernel modules', () => {
  // (this VM's kernel may have no module support at all: then there is no /proc/modules)
  const modules = () => (existsSync('/proc/modules') ? readFileSync('/proc/modules', 'utf8') : '');
  const before = modules();
  const r = inside('insmod /bin/busybox; echo rc=$?; modprobe dummy; echo rc=$?');
  assert.match(r.out, /rc=1/);
  assert.doesNotMatch(r.out, /rc=0/);
  assert.equal(modules(), before);
});

test('sees only its own processes and cannot signal host processes', () => {
  const pids = inside('ls /proc | grep -c "^[0-9]"').out.trim();
  assert.ok(Number(pids) <= 3, `container sees ${pids} processes`);
  assert.equal(inside('cat /proc/1/cmdline | tr "\\0" " "').out.trim(), 'sh -c cat /proc/1/cmdline | tr "\\0" " "');
  // the test process' own pid means nothing inside: no such process
  const r = inside(`kill -0 ${process.pid} 2>&1; echo rc=$?`);
  assert.match(r.out, /rc=1/);
});

test('cannot write /proc/sys, /proc/sysrq-trigger or /sys', () => {
  const r = inside([
    'echo 1 > /proc/sys/kernel/panic && echo wrote-panic',
    'echo 1 > /proc/sys/net/ipv4/ip_forward && echo wrote-forward',
    'echo 1 > /proc/sys/vm/drop_caches && echo wrote-vm',
    'echo 1 > /sys/kernel/mm/ksm/run && echo wrote-ksm',
    'echo 0 > /sys/class/net/lo/mtu && echo wrote-mtu',
    'mkdir /sys/fs/cgroup/pids/escape && echo made-cgroup',
    'echo done',
  ].join('; '));
  assert.match(r.out, /done/);
  assert.doesNotMatch(r.out, /wrote-|made-cgroup/);
  assert.match(r.out, /Read-only file system/);
});

test("cannot reach berthd's socket or any docker socket", () => {
  const r = inside(`ls ${d.socket} /run/berth/berth.sock /var/run/docker.sock /run/docker.sock 2>&1; echo rc=$?`);
  assert.match(r.out, /rc=1/);
  assert.doesNotMatch(r.out, /srw/);
  assert.match(r.out, /No such file or directory/);
});

test("cannot change the host's network, even sharing its namespace", () => {
  const beforeLinks = hostLinks();
  for (const flags of [[], ['--network', 'host']]) {
    const r = inside(`ip link add ${link} type dummy; echo rc=$?; ip link set lo down; echo rc=$?; ip addr add 10.254.254.1/32 dev lo; echo rc=$?`, flags);
    assert.doesNotMatch(r.out, /rc=0/, `${flags.join(' ')}: ${r.out}`);
    assert.match(r.out, /not permitted/i);
  }
  assert.equal(spawnSync('ip', ['link', 'show', link]).status, 1, 'no link was made on the host');
  assert.doesNotMatch(spawnSync('ip', ['-o', 'addr', 'show', 'lo'], { encoding: 'utf8' }).stdout, /10\.254\.254\.1/);
  assert.match(hostLinks(), /lo: <LOOPBACK,UP/);
  assert.equal(hostLinks().split('\n').filter((l) => / lo:/.test(l)).length, beforeLinks.split('\n').filter((l) => / lo:/.test(l)).length);
});

test('--privileged lifts it: host bounding set, host devices, no seccomp, writable /sys, mounts allowed', () => {
  const bnd = /^CapBnd:\s*(\w+)/m.exec(readFileSync('/proc/self/status', 'utf8'))![1];
  const r = inside([
    'grep -E "^(CapEff|Seccomp):" /proc/self/status',
    'ls /dev/loop-control /dev/fuse >/dev/null && echo host-devices',
    'grep -E "^sysfs /sys " /proc/self/mounts | grep -q "[ ,]rw[ ,]" && echo sys-rw',
    'grep -q "^/proc/kcore" /proc/self/mounts || echo kcore-unmasked',
    'mount -t tmpfs none /tmp && echo mounted',
  ].join('; '), ['--privileged']);
  assert.match(r.out, new RegExp(`CapEff:\\s*${bnd}`));
  assert.match(r.out, /Seccomp:\s*0/);
  for (const w of ['host-devices', 'sys-rw', 'kcore-unmasked', 'mounted']) assert.match(r.out, new RegExp(w), r.out);
});
