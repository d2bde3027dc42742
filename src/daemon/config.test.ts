import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDaemonArgs, parseListenHost } from './config';

const base = ['--config-file', '/dev/null', '--data-root', '/tmp/x', '--exec-root', '/tmp/y'];

test('listen hosts: unix paths and tcp host:port (2376 by default, as dockerd with TLS)', () => {
  assert.deepEqual(parseListenHost('unix:///run/b.sock'), { proto: 'unix', path: '/run/b.sock' });
  assert.deepEqual(parseListenHost('tcp://127.0.0.1:0'), { proto: 'tcp', host: '127.0.0.1', port: 0 });
  assert.deepEqual(parseListenHost('tcp://[::1]:9'), { proto: 'tcp', host: '::1', port: 9 });
  assert.equal((parseListenHost('tcp://127.0.0.1') as { port: number }).port, 2376);
  assert.throws(() => parseListenHost('http://x'), /invalid host/);
  assert.throws(() => parseListenHost('tcp://h:99999'), /invalid port/);
});

test('TCP needs --tlsverify, or an explicit --tls=false', () => {
  assert.throws(() => parseDaemonArgs([...base, '-H', 'tcp://127.0.0.1:2376']), /refusing to listen on tcp:\/\/127\.0\.0\.1:2376 without TLS/);
  assert.throws(() => parseDaemonArgs([...base, '-H', 'tcp://127.0.0.1:2376', '--tls']), /--tls without --tlsverify/);
  const v = parseDaemonArgs([...base, '-H', 'tcp://127.0.0.1:2376', '--tlsverify', '--tlscacert', '/c/ca.pem', '--tlscert', '/c/s.pem', '--tlskey', '/c/k.pem']);
  assert.deepEqual([v.tlsVerify, v.tlsCaCert, v.tlsCert, v.tlsKey], [true, '/c/ca.pem', '/c/s.pem', '/c/k.pem']);
  const insecure = parseDaemonArgs([...base, '-H', 'tcp://127.0.0.1:2375', '--tls=false']);
  assert.equal(insecure.tls, false);
  // unix sockets need nothing
  assert.equal(parseDaemonArgs([...base, '-H', 'unix:///tmp/s.sock']).tlsVerify, false);
});

test('hosts are normalised and duplicates dropped, as dockerd does', () => {
  const c = parseDaemonArgs([...base, '-H', 'unix:///tmp/a.sock', '-H', 'unix:///tmp//a.sock', '-H', 'unix:///tmp/b.sock', '-H', 'unix:///tmp/a.sock']);
  assert.deepEqual(c.hosts, ['unix:///tmp/a.sock', 'unix:///tmp/b.sock']);
  const t = parseDaemonArgs([...base, '-H', 'tcp://127.0.0.1', '-H', 'tcp://127.0.0.1:2376', '--tls=false']);
  assert.deepEqual(t.hosts, ['tcp://127.0.0.1:2376']);
});

test('userns-remap comes from the flag or daemon.json, never both', () => {
  assert.equal(parseDaemonArgs(base).usernsRemap, '');
  assert.equal(parseDaemonArgs([...base, '--userns-remap=default']).usernsRemap, 'default');
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  try {
    const f = join(dir, 'daemon.json');
    writeFileSync(f, JSON.stringify({ 'userns-remap': 'bob:staff' }));
    const args = ['--config-file', f, '--data-root', '/tmp/x', '--exec-root', '/tmp/y'];
    assert.equal(parseDaemonArgs(args).usernsRemap, 'bob:staff');
    assert.throws(() => parseDaemonArgs([...args, '--userns-remap', 'default']), /specified both as a flag and in the configuration file: userns-remap/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ui-addr: loopback by default, off loopback only with --tlsverify', () => {
  assert.equal(parseDaemonArgs(['--config-file', '/dev/null', '--ui-addr', '127.0.0.1:8080']).uiAddr, '127.0.0.1:8080');
  assert.equal(parseDaemonArgs(['--config-file', '/dev/null']).uiAddr, '');
  assert.throws(() => parseDaemonArgs(['--config-file', '/dev/null', '--ui-addr', '0.0.0.0:8080']), /tlsverify/);
  assert.throws(() => parseDaemonArgs(['--config-file', '/dev/null', '--ui-addr', 'nonsense']), /host:port/);
  const dir = mkdtempSync(join(tmpdir(), 'berth-u19-cfg-'));
  try {
    writeFileSync(join(dir, 'daemon.json'), '{"ui-addr": "[::1]:9000"}');
    assert.equal(parseDaemonArgs(['--config-file', join(dir, 'daemon.json')]).uiAddr, '[::1]:9000');
    assert.throws(() => parseDaemonArgs(['--config-file', join(dir, 'daemon.json'), '--ui-addr', '127.0.0.1:1']), /both as a flag and in the configuration file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
