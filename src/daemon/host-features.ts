// What the kernel and the cgroup hierarchy support, read the way dockerd's
// pkg/sysinfo does, for `info` (MemoryLimit, SwapLimit, …) and its WARNING
// lines. Runtime switches (ip_forward, bridge-nf-call-*) are read on each call.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface CgroupFeatures {
  memoryLimit: boolean;
  swapLimit: boolean;
  oomKillDisable: boolean;
  cpuCfsPeriod: boolean;
  cpuCfsQuota: boolean;
  cpuShares: boolean;
  cpuSet: boolean;
  pidsLimit: boolean;
}

export function cgroupFeatures(version: 1 | 2, root = '/sys/fs/cgroup'): CgroupFeatures {
  if (version === 2) {
    let ctl: string[] = [];
    try {
      ctl = readFileSync(join(root, 'cgroup.controllers'), 'utf8').trim().split(/\s+/);
    } catch {
      /* none */
    }
    const has = (c: string) => ctl.includes(c);
    // swap accounting: memory.swap.max appears in child cgroups when the kernel has it
    const swap = has('memory') && readdirSafe(root).some((d) => existsSync(join(root, d, 'memory.swap.max')));
    return {
      memoryLimit: has('memory'),
      swapLimit: swap,
      oomKillDisable: false,
      cpuCfsPeriod: has('cpu'),
      cpuCfsQuota: has('cpu'),
      cpuShares: has('cpu'),
      cpuSet: has('cpuset'),
      pidsLimit: has('pids'),
    };
  }
  const f = (ctl: string, file: string) => existsSync(join(root, ctl, file));
  return {
    memoryLimit: f('memory', 'memory.limit_in_bytes'),
    swapLimit: f('memory', 'memory.memsw.limit_in_bytes'),
    oomKillDisable: f('memory', 'memory.oom_control'),
    cpuCfsPeriod: f('cpu', 'cpu.cfs_period_us'),
    cpuCfsQuota: f('cpu', 'cpu.cfs_quota_us'),
    cpuShares: f('cpu', 'cpu.shares'),
    cpuSet: f('cpuset', 'cpuset.cpus'),
    pidsLimit: existsSync(join(root, 'pids')),
  };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

function flag(path: string): boolean | null {
  try {
    return readFileSync(path, 'utf8').trim() === '1';
  } catch {
    return null;
  }
}

export interface NetFeatures {
  ipv4Forwarding: boolean;
  /** null when br_netfilter is not loaded (dockerd then says nothing either). */
  bridgeNfIptables: boolean | null;
  bridgeNfIp6tables: boolean | null;
}

export function netFeatures(proc = '/proc'): NetFeatures {
  return {
    ipv4Forwarding: flag(join(proc, 'sys/net/ipv4/ip_forward')) ?? false,
    bridgeNfIptables: flag(join(proc, 'sys/net/bridge/bridge-nf-call-iptables')),
    bridgeNfIp6tables: flag(join(proc, 'sys/net/bridge/bridge-nf-call-ip6tables')),
  };
}

/** dockerd's WARNING lines for what is missing, in its order. */
export function infoWarnings(cg: CgroupFeatures, net: NetFeatures, cgroupVersion: 1 | 2): string[] {
  const w: string[] = [];
  if (!cg.memoryLimit) w.push('WARNING: No memory limit support');
  if (!cg.swapLimit) w.push('WARNING: No swap limit support');
  if (!cg.oomKillDisable && cgroupVersion === 1) w.push('WARNING: No oom kill disable support');
  if (!cg.cpuCfsQuota) w.push('WARNING: No cpu cfs quota support');
  if (!cg.cpuCfsPeriod) w.push('WARNING: No cpu cfs period support');
  if (!cg.cpuShares) w.push('WARNING: No cpu shares support');
  if (!cg.cpuSet) w.push('WARNING: No cpuset support');
  if (!net.ipv4Forwarding) w.push('WARNING: IPv4 forwarding is disabled');
  if (net.bridgeNfIptables === false) w.push('WARNING: bridge-nf-call-iptables is disabled');
  if (net.bridgeNfIp6tables === false) w.push('WARNING: bridge-nf-call-ip6tables is disabled');
  return w;
}

/** The filesystem type of `path` as dockerd names it in DriverStatus ("extfs", "xfs", "btrfs", …). */
export function backingFilesystem(path: string, mounts = '/proc/self/mounts'): string {
  let best = { len: -1, type: '' };
  try {
    for (const line of readFileSync(mounts, 'utf8').split('\n')) {
      const [, mnt, type] = line.split(' ');
      if (!mnt) continue;
      const m = mnt.replace(/\\040/g, ' ');
      if ((path === m || path.startsWith(m.endsWith('/') ? m : `${m}/`)) && m.length > best.len) best = { len: m.length, type };
    }
  } catch {
    /* unknown */
  }
  const names: Record<string, string> = { ext2: 'extfs', ext3: 'extfs', ext4: 'extfs', xfs: 'xfs', btrfs: 'btrfs', tmpfs: 'tmpfs', zfs: 'zfs', overlay: 'overlayfs', f2fs: 'f2fs' };
  return names[best.type] ?? (best.type || 'unknown');
}

export function overlayMetacopy(): boolean {
  try {
    return readFileSync('/sys/module/overlay/parameters/metacopy', 'utf8').trim() === 'Y';
  } catch {
    return false;
  }
}
