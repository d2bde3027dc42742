// Resolves Config.User ("name", "uid", "name:group", "uid:gid") against the
// container's own /etc/passwd and /etc/group, as Docker does at start.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { resolveFollowSync } from '../util/tar';
import { invalidArgument } from '../errdefs';

export interface ResolvedUser {
  uid: number;
  gid: number;
  additionalGids: number[];
  home: string;
}

interface PasswdEntry { name: string; uid: number; gid: number; home: string }
interface GroupEntry { name: string; gid: number; members: string[] }

// A passwd or group file larger than this is not a real one; refuse to slurp it.
const MAX_DB_FILE = 16 << 20;

function readLines(rootfs: string, file: string): string[][] {
  let fd: number | undefined;
  try {
    // The image owns its /etc: a symlinked /etc/passwd (or /etc) is followed
    // inside the rootfs, never on the host; O_NOFOLLOW closes the window in
    // which the last component could be swapped for a link, and O_NONBLOCK
    // plus the regular-file check keep a FIFO or device from blocking berthd.
    const hostPath = resolveFollowSync(rootfs, file);
    fd = openSync(hostPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_DB_FILE) return [];
    return readFileSync(fd, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(':'));
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function parsePasswd(rootfs: string): PasswdEntry[] {
  return readLines(rootfs, 'etc/passwd')
    .filter((f) => f.length >= 4)
    .map((f) => ({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] || '/' }));
}

export function parseGroup(rootfs: string): GroupEntry[] {
  return readLines(rootfs, 'etc/group')
    .filter((f) => f.length >= 3)
    .map((f) => ({ name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
}

const isNum = (s: string) => /^\d+$/.test(s);

export function resolveUser(rootfs: string, spec: string, groupAdd: string[] = []): ResolvedUser {
  const passwd = parsePasswd(rootfs);
  const groups = parseGroup(rootfs);
  const [userPart, groupPart] = (spec || '').split(':', 2) as [string, string | undefined];
  let uid = 0;
  let gid = 0;
  let home = '/root';
  let name = 'root';
  if (userPart) {
    const entry = passwd.find((p) => (isNum(userPart) ? p.uid === Number(userPart) : p.name === userPart));
    if (entry) {
      ({ uid, gid, home, name } = entry);
    } else if (isNum(userPart)) {
      uid = Number(userPart);
      home = '/';
      name = '';
    } else {
      throw invalidArgument(`unable to find user ${userPart}: no matching entries in passwd file`);
    }
  } else {
    const root = passwd.find((p) => p.uid === 0);
    if (root) home = root.home;
  }
  if (groupPart) {
    if (isNum(groupPart)) gid = Number(groupPart);
    else {
      const g = groups.find((x) => x.name === groupPart);
      if (!g) throw invalidArgument(`unable to find group ${groupPart}: no matching entries in group file`);
      gid = g.gid;
    }
  }
  // The primary group leads the supplementary list, as dockerd (and
  // containerd since the supplementary-groups advisory) set it: `id` prints
  // groups=GID even for -u uid:gid users that no group file knows.
  const additional = new Set<number>([gid]);
  if (name) for (const g of groups) if (g.members.includes(name)) additional.add(g.gid);
  for (const ga of groupAdd) {
    if (isNum(ga)) additional.add(Number(ga));
    else {
      const g = groups.find((x) => x.name === ga);
      if (!g) throw invalidArgument(`Unable to find group ${ga}: no matching entries in group file`);
      additional.add(g.gid);
    }
  }
  return { uid, gid, additionalGids: [...additional], home };
}
