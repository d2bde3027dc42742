// The one place berth actually mounts filesystems. Snapshotters only *describe*
// mounts (containerd style); the container layer calls mountAll on a rootfs
// target and unmountAll when done. The calls go through the compiled helper
// (native.ts) with mount(8)'s reading of the options (`bind,ro` is two
// calls); without the helper, util-linux `mount`/`umount` are spawned.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { system } from '../errdefs';
import { run } from '../util/exec';
import { MNT_DETACH, nativeSys, parseMountOptions, type NativeSys } from './native';

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
  const sys = nativeSys();
  if (sys) {
    for (const m of mounts) await mountOne(sys, m, target);
    return;
  }
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

async function mountOne(sys: NativeSys, m: Mount, target: string): Promise<void> {
  const o = parseMountOptions(m.options, m.type);
  try {
    await sys.mount(m.source, target, o.bind ? null : m.type, o.flags, o.data);
    if (o.remount) await sys.mount(null, target, null, o.remount, null);
    if (o.propagation) await sys.mount(null, target, null, o.propagation, null);
  } catch (err) {
    if (o.remount || o.propagation) await sys.umount2(target, MNT_DETACH).catch(() => {});
    throw system(`mount ${m.type} ${m.source} on ${target}: ${(err as Error).message}`, err);
  }
}

/** Unmounts everything stacked on `target`; a busy mount is detached lazily (umount -l). */
export async function unmountAll(target: string): Promise<void> {
  const abs = path.resolve(target);
  const sys = nativeSys();
  if (sys) {
    for (let i = 0; i < 32; i++) {
      try {
        await sys.umount2(abs, 0);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // EINVAL: not (or no longer) a mount point; ENOENT: no such path.
        if (code === 'EINVAL' || code === 'ENOENT') return;
        if (code !== 'EBUSY') throw system(`umount ${abs}: ${(err as Error).message}`, err);
        await sys.umount2(abs, MNT_DETACH);
      }
    }
    return;
  }
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
