// The compiled helper for the system calls Node lacks (src/sys/native/sys.c,
// built by scripts/build-native.js into dist/native). When it is missing —
// no compiler or Node headers at build time — callers fall back to spawning
// the util-linux tools, so berth works either way, only slower.
import { join } from 'node:path';

export interface NativeSys {
  mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null): Promise<void>;
  umount2(target: string, flags: number): Promise<void>;
  /** A new network namespace bind-mounted on `file` (which must exist), loopback up. */
  makeNetns(file: string): Promise<void>;
}

let loaded: NativeSys | null | undefined;

export function nativeSys(): NativeSys | null {
  if (loaded === undefined) {
    try {
      // dist/src/sys/native.js → dist/native/berth_sys.node
      loaded = (process.env.BERTH_NO_NATIVE ? null : require(join(__dirname, '..', '..', 'native', 'berth_sys.node'))) as NativeSys | null;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}

export const MS = {
  RDONLY: 1,
  NOSUID: 2,
  NODEV: 4,
  NOEXEC: 8,
  SYNCHRONOUS: 16,
  REMOUNT: 32,
  MANDLOCK: 64,
  DIRSYNC: 128,
  NOATIME: 1024,
  NODIRATIME: 2048,
  BIND: 4096,
  REC: 16384,
  PRIVATE: 1 << 18,
  SLAVE: 1 << 19,
  SHARED: 1 << 20,
  RELATIME: 1 << 21,
  STRICTATIME: 1 << 24,
} as const;

export const MNT_DETACH = 2;

export interface ParsedMountOptions {
  /** Flags for the mount itself. */
  flags: number;
  /** Filesystem options (what mount(8) passes as data), comma-joined; null when none. */
  data: string | null;
  bind: boolean;
  /** For a bind: the flags of the remount that makes it read-only/nosuid/… (0: no remount). */
  remount: number;
  /** A propagation change to apply afterwards (MS_PRIVATE|MS_REC …; 0: none). */
  propagation: number;
}

const FLAG_WORDS: Record<string, [set: number, clear: number]> = {
  ro: [MS.RDONLY, 0],
  rw: [0, MS.RDONLY],
  nosuid: [MS.NOSUID, 0],
  suid: [0, MS.NOSUID],
  nodev: [MS.NODEV, 0],
  dev: [0, MS.NODEV],
  noexec: [MS.NOEXEC, 0],
  exec: [0, MS.NOEXEC],
  sync: [MS.SYNCHRONOUS, 0],
  async: [0, MS.SYNCHRONOUS],
  dirsync: [MS.DIRSYNC, 0],
  noatime: [MS.NOATIME, 0],
  atime: [0, MS.NOATIME],
  nodiratime: [MS.NODIRATIME, 0],
  diratime: [0, MS.NODIRATIME],
  relatime: [MS.RELATIME, 0],
  norelatime: [0, MS.RELATIME],
  strictatime: [MS.STRICTATIME, 0],
  mand: [MS.MANDLOCK, 0],
  nomand: [0, MS.MANDLOCK],
  defaults: [0, 0],
};

const PROPAGATION: Record<string, number> = {
  private: MS.PRIVATE,
  rprivate: MS.PRIVATE | MS.REC,
  slave: MS.SLAVE,
  rslave: MS.SLAVE | MS.REC,
  shared: MS.SHARED,
  rshared: MS.SHARED | MS.REC,
};

/** mount(8)'s reading of `-o` words: flag words become MS_* bits, the rest is the filesystem's data. */
export function parseMountOptions(options: string[], type: string): ParsedMountOptions {
  let flags = 0;
  let propagation = 0;
  let bind = type === 'bind';
  let rec = false;
  const data: string[] = [];
  for (const o of options) {
    if (o === 'bind') bind = true;
    else if (o === 'rbind') (bind = true), (rec = true);
    else if (o in PROPAGATION) propagation = PROPAGATION[o];
    else if (o in FLAG_WORDS) {
      const [set, clear] = FLAG_WORDS[o];
      flags = (flags | set) & ~clear;
    } else data.push(o);
  }
  if (!bind) return { flags, data: data.length ? data.join(',') : null, bind, remount: 0, propagation };
  // The kernel ignores flags on a bind; like mount(8), a second call sets them.
  return {
    flags: MS.BIND | (rec ? MS.REC : 0),
    data: null,
    bind,
    remount: flags ? MS.REMOUNT | MS.BIND | flags : 0,
    propagation,
  };
}
