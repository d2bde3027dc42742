// The one place berth actually mounts filesystems. Snapshotters only *describe*
// mounts (containerd style); the container layer calls mountAll on a rootfs
// target and unmountAll when done. We shell out to util-linux `mount`: it
// knows how to turn `bind,ro` into the two syscalls a read-only bind needs.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { run } from '../util/exec';

export interface Mount {
  /** 'overlay', 'bind', or any filesystem type mount(8) knows. */
  type: string;
  /** Device or directory; 'overlay' for overlayfs. */
  source: string;
  /** mount(8) -o options, e.g. ['lowerdir=/a:/b', 'upperdir=/u', 'workdir=/w'] or ['rbind', 'ro']. */
  options: string[];
}

/** Mounts each mount on top of the previous one at `target` (usually just one). */
export async function mountAll(mounts: Mount[], target: string): Promise<void> {
  for (const m of mounts) {
    const isBind = m.type === 'bind' || m.options.includes('bind') || m.options.includes('rbind');
    const opts = [...m.options];
    if (isBind && !opts.includes('bind') && !opts.includes('rbind')) opts.push('rbind');
    const args = isBind ? [] : ['-t', m.type];
    if (opts.length > 0) args.push('-o', opts.join(','));
    args.push(m.source, target);
    await run('mount', args);
  }
}

/** Unmounts everything stacked on `target`; a busy mount is detached lazily (umount -l). */
export async function unmountAll(target: string): Promise<void> {
  const abs = path.resolve(target);
  // umount first, look later: a target nearly always holds exactly one
  // mount, and reading mountinfo before every umount costs a read per call.
  for (let i = 0; i < 32; i++) {
    try {
      await run('umount', [abs]);
    } catch (err) {
      if (!(await isMountPoint(abs))) return; // "not mounted": nothing (more) here
      await run('umount', ['-l', abs]);
    }
    if (!(await isMountPoint(abs))) return;
  }
}

/** Whether `target` is a mount point, from /proc/self/mountinfo (field 5, octal-escaped). */
export async function isMountPoint(target: string): Promise<boolean> {
  const abs = path.resolve(target);
  const info = await fsp.readFile('/proc/self/mountinfo', 'utf8');
  for (const line of info.split('\n')) {
    const mp = line.split(' ')[4];
    if (mp !== undefined && unescapeOctal(mp) === abs) return true;
  }
  return false;
}

function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}
