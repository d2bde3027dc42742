// Host device nodes for --device and --privileged, described the way the OCI
// spec wants them (linux.devices + a device cgroup rule), as moby's
// oci.DevicesFromPath and runc's HostDevices do.
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface DeviceNode {
  /** Path in the container. */
  path: string;
  /** The node on the host it comes from (not part of the OCI device entry). */
  hostPath?: string;
  type: 'c' | 'b';
  major: number;
  minor: number;
  fileMode: number;
  uid: number;
  gid: number;
}

export interface DeviceRule {
  allow: boolean;
  type?: 'c' | 'b' | 'a';
  major?: number;
  minor?: number;
  access: string;
}

/** Linux's dev_t split (glibc's gnu_dev_major/minor). */
export function splitDev(rdev: bigint): { major: number; minor: number } {
  const major = Number(((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn));
  const minor = Number((rdev & 0xffn) | ((rdev >> 12n) & ~0xffn));
  return { major, minor };
}

/** The node at `hostPath` (not followed) or undefined when it is not a char/block device. */
export function deviceAt(hostPath: string, inContainer: string): DeviceNode | undefined {
  const st = lstatSync(hostPath, { bigint: true });
  if (!st.isCharacterDevice() && !st.isBlockDevice()) return undefined;
  return {
    path: inContainer,
    hostPath,
    type: st.isCharacterDevice() ? 'c' : 'b',
    ...splitDev(st.rdev),
    fileMode: Number(st.mode & 0o7777n),
    uid: Number(st.uid),
    gid: Number(st.gid),
  };
}

function walk(dir: string, out: string[], skip: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!skip.has(e.name)) walk(p, out, skip);
    } else if (e.isCharacterDevice() || e.isBlockDevice()) out.push(p);
  }
}

/**
 * --device HOST[:CONTAINER[:PERMS]]: a device node, or every node under a
 * directory. The host path's symlinks are followed (the user names a host
 * path on purpose, /dev/disk/by-id/... are links), as dockerd does.
 */
export function devicesFromPath(onHost: string, inContainer: string, perms: string): { devices: DeviceNode[]; rules: DeviceRule[] } {
  let real: string;
  try {
    real = realpathSync(onHost);
  } catch (err) {
    throw new Error(`error gathering device information while adding custom device "${onHost}": ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
  }
  const one = deviceAt(real, inContainer);
  if (one) return { devices: [one], rules: [ruleFor(one, perms)] };
  if (!statSync(real).isDirectory()) {
    throw new Error(`error gathering device information while adding custom device "${onHost}": not a device node`);
  }
  const found: string[] = [];
  walk(real, found, new Set());
  const devices = found
    .map((p) => deviceAt(p, join(inContainer, relative(real, p))))
    .filter((d): d is DeviceNode => !!d);
  return { devices, rules: devices.map((d) => ruleFor(d, perms)) };
}

function ruleFor(d: DeviceNode, access: string): DeviceRule {
  return { allow: true, type: d.type, major: d.major, minor: d.minor, access };
}

/** Every device of the host's /dev, for --privileged (runc's HostDevices skips these dirs). */
export function hostDevices(): DeviceNode[] {
  const found: string[] = [];
  walk('/dev', found, new Set(['pts', 'shm', 'fd', 'mqueue', '.lxc', '.lxd-mounts', '.udev']));
  const out: DeviceNode[] = [];
  for (const p of found) {
    if (p === '/dev/console') continue; // runc sets up the console itself
    try {
      const d = deviceAt(p, p);
      if (d) out.push(d);
    } catch {
      /* vanished while walking */
    }
  }
  return out;
}
