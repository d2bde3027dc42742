// Reading a container's cgroup files, v1 (one hierarchy per controller
// under /sys/fs/cgroup/<controller>) and v2 (one unified tree). runc creates
// and removes the cgroups; berthd only reads them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CgroupReader {
  /** How many times the kernel OOM-killed a process in this cgroup; null when it cannot tell. */
  oomKills(cgroupsPath: string): number | null;
}

/** The `key value` lines of memory.oom_control (v1) and memory.events (v2). */
export function flatKeyed(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined && /^\d+$/.test(v)) out.set(k, Number(v));
  }
  return out;
}

export function cgroupReader(version: 1 | 2, root = '/sys/fs/cgroup'): CgroupReader {
  const read = (file: string): string | null => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  };
  return {
    oomKills(cgroupsPath) {
      const rel = cgroupsPath.replace(/^\/+/, '');
      // v1: oom_kill counts kills (kernel 4.13+); v2: memory.events' oom_kill.
      const text = version === 2 ? read(join(root, rel, 'memory.events')) : read(join(root, 'memory', rel, 'memory.oom_control'));
      if (text === null) return null;
      return flatKeyed(text).get('oom_kill') ?? null;
    },
  };
}
