import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { backingFilesystem, cgroupFeatures, infoWarnings, netFeatures } from './host-features';
import { securityOptions } from './info';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hf-'));
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), t);
  }
  return root;
}

test('cgroup v1 features from the controller files; a host without memsw warns like dockerd', () => {
  const root = tree({
    'memory/memory.limit_in_bytes': '',
    'memory/memory.oom_control': '',
    'cpu/cpu.cfs_period_us': '',
    'cpu/cpu.cfs_quota_us': '',
    'cpu/cpu.shares': '',
    'cpuset/cpuset.cpus': '',
    'pids/pids.max': '',
  });
  try {
    const f = cgroupFeatures(1, root);
    assert.deepEqual(f, { memoryLimit: true, swapLimit: false, oomKillDisable: true, cpuCfsPeriod: true, cpuCfsQuota: true, cpuShares: true, cpuSet: true, pidsLimit: true });
    assert.deepEqual(infoWarnings(f, { ipv4Forwarding: true, bridgeNfIptables: true, bridgeNfIp6tables: null }, 1), ['WARNING: No swap limit support']);
    writeFileSync(join(root, 'memory/memory.memsw.limit_in_bytes'), '');
    assert.deepEqual(infoWarnings(cgroupFeatures(1, root), { ipv4Forwarding: false, bridgeNfIptables: false, bridgeNfIp6tables: false }, 1), [
      'WARNING: IPv4 forwarding is disabled',
      'WARNING: bridge-nf-call-iptables is disabled',
      'WARNING: bridge-nf-call-ip6tables is disabled',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('cgroup v2 features from cgroup.controllers; none at all (a v2 mount without controllers)', () => {
  const root = tree({ 'cgroup.controllers': 'cpuset cpu io memory pids\n', 'init.scope/memory.swap.max': 'max\n' });
  const empty = tree({ 'cgroup.controllers': '\n' });
  try {
    assert.deepEqual(cgroupFeatures(2, root), { memoryLimit: true, swapLimit: true, oomKillDisable: false, cpuCfsPeriod: true, cpuCfsQuota: true, cpuShares: true, cpuSet: true, pidsLimit: true });
    const none = cgroupFeatures(2, empty);
    assert.deepEqual(infoWarnings(none, { ipv4Forwarding: true, bridgeNfIptables: null, bridgeNfIp6tables: null }, 2), [
      'WARNING: No memory limit support',
      'WARNING: No swap limit support',
      'WARNING: No cpu cfs quota support',
      'WARNING: No cpu cfs period support',
      'WARNING: No cpu shares support',
      'WARNING: No cpuset support',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
});

test('net switches from /proc/sys; backing filesystem from the longest mount prefix', () => {
  const proc = tree({ 'sys/net/ipv4/ip_forward': '0\n', 'sys/net/bridge/bridge-nf-call-iptables': '1\n', mounts: '/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /var/lib/x xfs rw 0 0\ntmpfs /var/lib/xy tmpfs rw 0 0\n' });
  try {
    assert.deepEqual(netFeatures(proc), { ipv4Forwarding: false, bridgeNfIptables: true, bridgeNfIp6tables: null });
    const m = join(proc, 'mounts');
    assert.equal(backingFilesystem('/var/lib/x/berth', m), 'xfs');
    assert.equal(backingFilesystem('/var/lib/xyz', m), 'extfs');
    assert.equal(backingFilesystem('/var/lib/xy', m), 'tmpfs');
  } finally {
    rmSync(proc, { recursive: true, force: true });
  }
});

test('security options as dockerd lists them', () => {
  assert.deepEqual(securityOptions('/usr/share/containers/seccomp.json', 1), ['name=seccomp,profile=builtin']);
  assert.deepEqual(securityOptions('/etc/my.json', 2), ['name=seccomp,profile=/etc/my.json', 'name=cgroupns']);
  assert.deepEqual(securityOptions('unconfined', 1), ['name=seccomp,profile=unconfined']);
  assert.deepEqual(securityOptions('/etc/my.json', 2, true), ['name=seccomp,profile=/etc/my.json', 'name=userns', 'name=cgroupns']);
});
