// Facts about the host berthd runs on, read once at startup.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { capsFromMask } from '../runtime/defaults';

export interface HostFacts {
  cgroupVersion: 1 | 2;
  boundingCaps: string[];
  kernel: string;
  ncpu: number;
  memTotal: number;
  operatingSystem: string;
  osVersion: string;
  hostname: string;
  swapLimit: boolean;
}

export function readHostFacts(): HostFacts {
  const status = readFileSync('/proc/self/status', 'utf8');
  const bnd = /CapBnd:\s*([0-9a-f]+)/.exec(status)?.[1] ?? '0';
  let prettyName = 'Linux';
  let version = '';
  try {
    const osr = readFileSync('/etc/os-release', 'utf8');
    prettyName = /PRETTY_NAME="?([^"\n]+)"?/.exec(osr)?.[1] ?? prettyName;
    version = /VERSION_ID="?([^"\n]+)"?/.exec(osr)?.[1] ?? '';
  } catch {
    /* keep defaults */
  }
  const v2 = existsSync('/sys/fs/cgroup/cgroup.controllers');
  return {
    cgroupVersion: v2 ? 2 : 1,
    boundingCaps: capsFromMask(bnd),
    kernel: os.release(),
    ncpu: os.cpus().length,
    memTotal: os.totalmem(),
    operatingSystem: prettyName,
    osVersion: version,
    hostname: os.hostname(),
    swapLimit: v2 ? true : existsSync('/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes'),
  };
}
