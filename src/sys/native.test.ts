import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MS, nativeSys, parseMountOptions } from './native';
import { isMountPoint, mountAll, unmountAll } from './mount';
import { createNetns, removeNetns } from './netns';

test('parseMountOptions reads -o words as mount(8) does', () => {
  assert.deepEqual(parseMountOptions(['lowerdir=/a:/b', 'upperdir=/u', 'workdir=/w'], 'overlay'), {
    flags: 0,
    data: 'lowerdir=/a:/b,upperdir=/u,workdir=/w',
    bind: false,
    remount: 0,
    propagation: 0,
  });
  assert.deepEqual(parseMountOptions(['nosuid', 'nodev', 'mode=755', 'size=65536k', 'ro'], 'tmpfs'), {
    flags: MS.NOSUID | MS.NODEV | MS.RDONLY,
    data: 'mode=755,size=65536k',
    bind: false,
    remount: 0,
    propagation: 0,
  });
  // later words win, as in mount(8)
  assert.equal(parseMountOptions(['ro', 'rw'], 'tmpfs').flags, 0);
  // a read-only bind is a bind, then a remount carrying the flags
  assert.deepEqual(parseMountOptions(['rbind', 'ro', 'rprivate'], 'bind'), {
    flags: MS.BIND | MS.REC,
    data: null,
    bind: true,
    remount: MS.REMOUNT | MS.BIND | MS.RDONLY,
    propagation: MS.PRIVATE | MS.REC,
  });
  assert.deepEqual(parseMountOptions(['bind'], 'none'), { flags: MS.BIND, data: null, bind: true, remount: 0, propagation: 0 });
});

const sys = nativeSys();

test('the compiled helper is built and loads', { skip: process.env.BERTH_NO_NATIVE ? 'BERTH_NO_NATIVE set' : false }, () => {
  assert.ok(sys, 'dist/native/berth_sys.node: run npm run build (needs gcc and the Node headers)');
});

test('mountAll/unmountAll: overlay, a read-only bind, stacked mounts, and errors with errno codes', { skip: !sys }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'native-'));
  try {
    for (const d of ['l', 'u', 'w', 'm', 'b']) mkdirSync(join(dir, d));
    writeFileSync(join(dir, 'l', 'f'), 'lower');
    const target = join(dir, 'm');
    await mountAll([{ type: 'overlay', source: 'overlay', options: [`lowerdir=${join(dir, 'l')}`, `upperdir=${join(dir, 'u')}`, `workdir=${join(dir, 'w')}`] }], target);
    assert.equal(await isMountPoint(target), true);
    writeFileSync(join(target, 'g'), 'upper');
    execFileSync('test', ['-f', join(dir, 'u', 'g')]);
    // a read-only bind stacked on top
    await mountAll([{ type: 'bind', source: join(dir, 'l'), options: ['rbind', 'ro'] }], target);
    assert.throws(() => writeFileSync(join(target, 'h'), 'x'), /EROFS/);
    await unmountAll(target);
    assert.equal(await isMountPoint(target), false, 'both stacked mounts are gone');
    await unmountAll(target); // not a mount point: nothing to do, no error
    await assert.rejects(
      mountAll([{ type: 'overlay', source: 'overlay', options: ['lowerdir=/nonexistent-berth'] }], target),
      (err: Error) => /mount overlay overlay on .*: (No such file|Invalid argument)/.test(err.message),
    );
    assert.equal(await isMountPoint(target), false);
  } finally {
    execFileSync('sh', ['-c', `umount -R ${join(dir, 'm')} 2>/dev/null || true`]);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('createNetns: a namespace of its own, loopback up, the daemon stays in its own', { skip: !sys }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netns-'));
  const ns = join(dir, 'ns');
  const before = readlinkSync('/proc/self/ns/net');
  try {
    // several at once: each worker thread must come back to the daemon's namespace
    await Promise.all([ns, `${ns}2`, `${ns}3`].map((p) => createNetns(p)));
    assert.equal(await isMountPoint(ns), true);
    const links = execFileSync('nsenter', [`--net=${ns}`, 'ip', '-o', 'link']).toString();
    assert.match(links, /lo: <LOOPBACK,UP,LOWER_UP>/);
    assert.doesNotMatch(links, /eth|veth/);
    assert.notEqual(execFileSync('nsenter', [`--net=${ns}`, 'readlink', '/proc/self/ns/net']).toString().trim(), before);
    for (let i = 0; i < 8; i++) await new Promise((r) => setImmediate(r));
    assert.equal(readlinkSync('/proc/self/ns/net'), before);
    // libuv's workers (fs calls run there) are all still in our namespace
    const tasks = execFileSync('sh', ['-c', `for t in /proc/${process.pid}/task/*; do readlink $t/ns/net; done | sort -u`]).toString().trim();
    assert.equal(tasks, before);
  } finally {
    for (const p of [ns, `${ns}2`, `${ns}3`]) await removeNetns(p).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});
