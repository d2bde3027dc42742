import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sysctlAllowed, validateSecurity } from './security';
import type { HostConfig } from './types';

const hc = (over: Partial<HostConfig>) => ({ NetworkMode: 'default', ...over }) as HostConfig;

test('only namespaced sysctls pass', () => {
  for (const ok of ['net.ipv4.ip_forward', 'kernel.shmmax', 'kernel.msgmnb', 'kernel.sem', 'fs.mqueue.msg_max']) assert.ok(sysctlAllowed(ok), ok);
  for (const bad of ['kernel.panic', 'vm.swappiness', 'fs.file-max', 'kernel.shm', 'net']) assert.ok(!sysctlAllowed(bad), bad);
  assert.throws(() => validateSecurity(hc({ Sysctls: { 'kernel.panic': '1' } })), /sysctl 'kernel.panic=1' is not allowed/);
  assert.throws(() => validateSecurity(hc({ NetworkMode: 'host', Sysctls: { 'net.ipv4.ip_forward': '1' } })), /not allowed in host network namespace/);
});

test('capabilities are normalized to CAP_X and unknown ones refused with the field name', () => {
  const h = hc({ CapAdd: ['net_admin', 'ALL'], CapDrop: ['Cap_Chown'] });
  validateSecurity(h);
  assert.deepEqual([h.CapAdd, h.CapDrop], [['CAP_NET_ADMIN', 'ALL'], ['CAP_CHOWN']]);
  assert.throws(() => validateSecurity(hc({ CapAdd: ['foo'] })), /invalid CapAdd: unknown capability: "CAP_FOO"/);
  assert.throws(() => validateSecurity(hc({ CapDrop: 'x' as unknown as string[] })), /invalid CapDrop/);
});

test('devices: host path must be a device node or a directory of them; modes are rwm', () => {
  validateSecurity(hc({ Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/x', CgroupPermissions: 'rw' }] }));
  assert.throws(() => validateSecurity(hc({ Devices: [{ PathOnHost: '/nope', PathInContainer: '', CgroupPermissions: '' }] })), /no such file or directory/);
  assert.throws(() => validateSecurity(hc({ Devices: [{ PathOnHost: '/etc/hostname', PathInContainer: '', CgroupPermissions: '' }] })), /not a device node/);
  assert.throws(() => validateSecurity(hc({ Devices: [{ PathOnHost: '/dev/null', PathInContainer: '', CgroupPermissions: 'rwx' }] })), /invalid device mode/);
});
