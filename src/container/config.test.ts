import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConfig, buildHostConfig, effectiveCommand } from './config';
import type { DaemonSettings } from './deps';

const settings = {
  dataRoot: '/d', execRoot: '/e', cgroupParent: 'berth', cgroupVersion: 1, hostBoundingCaps: [], seccompProfile: null,
  kernel: '6.1', initBinary: null, defaultLogDriver: 'json-file', defaultLogOpts: {}, runtimes: { runc: { path: '/usr/sbin/runc' } },
  defaultRuntime: 'runc', defaultShmSize: 64 << 20, ncpu: 2,
  dns: [],
} as DaemonSettings;

test('entrypoint and cmd combine like Docker', () => {
  const img = { Entrypoint: ['/ep'], Cmd: ['a'] };
  assert.deepEqual(effectiveCommand({}, img), { entrypoint: ['/ep'], cmd: ['a'] });
  assert.deepEqual(effectiveCommand({ Cmd: ['b'] }, img), { entrypoint: ['/ep'], cmd: ['b'] });
  // --entrypoint resets the image's CMD
  assert.deepEqual(effectiveCommand({ Entrypoint: ['/x'] }, img), { entrypoint: ['/x'], cmd: null });
  assert.deepEqual(effectiveCommand({ Entrypoint: [''], Cmd: ['ls'] }, img), { entrypoint: null, cmd: ['ls'] });
});

test('env merges image then user, adds PATH, labels merge', () => {
  const c = buildConfig({ Image: 'x', Env: ['A=2', 'B=3'], Labels: { l: '2' } }, { Env: ['A=1', 'PATH=/p'], Labels: { l: '1', m: '1' } }, 'f'.repeat(64));
  assert.deepEqual(c.Env, ['A=2', 'PATH=/p', 'B=3']);
  assert.deepEqual(c.Labels, { l: '2', m: '1' });
  assert.equal(c.Hostname, 'ffffffffffff');
  const d = buildConfig({ Image: 'x' }, {}, 'a'.repeat(64));
  assert.ok(d.Env!.some((e) => e.startsWith('PATH=')));
});

test('relative working directory is refused', () => {
  assert.throws(() => buildConfig({ Image: 'x', WorkingDir: 'rel' }, {}, 'a'.repeat(64)), /needs to be an absolute path/);
});

test('host config validation with dockerd messages', () => {
  assert.throws(() => buildHostConfig({ Memory: 1024 }, settings), /Minimum memory limit allowed is 6MB/);
  assert.throws(() => buildHostConfig({ Memory: 64 << 20, MemorySwap: 32 << 20 }, settings), /Minimum memoryswap limit/);
  assert.throws(() => buildHostConfig({ NanoCpus: 3e9 }, settings), /Range of CPUs is from 0.01 to 2.00/);
  assert.throws(() => buildHostConfig({ RestartPolicy: { Name: 'sometimes', MaximumRetryCount: 0 } }, settings), /invalid restart policy/);
  assert.throws(() => buildHostConfig({ AutoRemove: true, RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } }, settings), /AutoRemove/);
  assert.throws(() => buildHostConfig({ CpusetCpus: '0-5' }, settings), /Requested CPUs are not available/);
  assert.throws(() => buildHostConfig({ LogConfig: { Type: 'syslogx', Config: {} } }, settings), /error looking up logging plugin syslogx: plugin "syslogx" not found/);
  assert.throws(() => buildHostConfig({ Runtime: 'crunx' }, settings), /unknown or invalid runtime name: crunx/);
  const ok = buildHostConfig({ Memory: 64 << 20 }, settings);
  assert.equal(ok.MemorySwap, 128 << 20);
  assert.equal(ok.ShmSize, 64 << 20);
  assert.equal(ok.LogConfig.Type, 'json-file');
});
