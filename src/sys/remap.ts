// berthd --userns-remap: which host user's subordinate ids the containers'
// ids map onto, as dockerd resolves it (daemon_unix.go, setupRemappedRoot):
//
//   default           the `berth-remap` user and group (dockerd's dockremap),
//                     made with useradd --system if missing, with a free
//                     65536-id range appended to /etc/subuid and /etc/subgid
//   user, user:group  an existing user (and group), by name or number; its
//   uid, uid:gid      ranges must already be in /etc/subuid and /etc/subgid
//
// As in dockerd (and subuid(5)), both files are searched for the *user*'s
// name or uid; the group only has to exist. "root" turns remapping off.
import { promises as fsp, statSync } from 'node:fs';
import * as path from 'node:path';
import { rangesFrom, rootPair, type IdMapping, type Owner } from '../util/idmap';
import { run } from '../util/exec';
import { ensureSubIdRange, readSubIds, type SubIdRange } from './subid';

export const DEFAULT_REMAP_USER = 'berth-remap';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}

export interface GroupEntry {
  name: string;
  gid: number;
}

/** What remapping needs from the host; the real one uses getent, useradd and /etc. */
export interface RemapHost {
  lookupUser(nameOrUid: string): Promise<PasswdEntry | undefined>;
  lookupGroup(nameOrGid: string): Promise<GroupEntry | undefined>;
  /** Creates a system user with a group of the same name and no login. */
  addSystemUser(name: string): Promise<void>;
  subuidFile: string;
  subgidFile: string;
}

export interface Remap {
  /** "user:group" as resolved, like dockerd's RemappedRoot after setup. */
  spec: string;
  user: string;
  group: string;
  mapping: IdMapping;
  /** Host ids of the containers' root. */
  root: Owner;
}

/** Splits "user[:group]"; dockerd's message for anything with more colons. */
export function parseRemapSpec(value: string): { user: string; group?: string } {
  const parts = value.split(':');
  if (parts.length > 2 || !parts[0] || parts[1] === '') throw new Error(`Invalid user/group specification in --userns-remap: ${JSON.stringify(value)}`);
  return { user: parts[0], group: parts[1] };
}

export function parsePasswdLine(line: string): PasswdEntry | undefined {
  const f = line.trim().split(':');
  if (f.length < 4 || !/^\d+$/.test(f[2]) || !/^\d+$/.test(f[3])) return undefined;
  return { name: f[0], uid: Number(f[2]), gid: Number(f[3]) };
}

export function parseGroupLine(line: string): GroupEntry | undefined {
  const f = line.trim().split(':');
  if (f.length < 3 || !/^\d+$/.test(f[2])) return undefined;
  return { name: f[0], gid: Number(f[2]) };
}

const isNumber = (s: string): boolean => /^\d+$/.test(s);

/** Resolves `--userns-remap`; undefined means remapping is off (the value named root). */
export async function resolveRemap(value: string, host: RemapHost, warn: (m: string) => void): Promise<Remap | undefined> {
  const want = parseRemapSpec(value);
  let user: PasswdEntry | undefined;
  let groupName: string | undefined;
  const isDefault = want.user === 'default';
  if (isNumber(want.user)) {
    user = await host.lookupUser(want.user);
    if (!user) throw new Error(`Uid ${want.user} has no entry in /etc/passwd`);
    if (want.group === undefined) {
      // A uid alone names the group with the same number.
      const g = await host.lookupGroup(want.user);
      if (!g) throw new Error(`Gid ${want.user} has no entry in /etc/group`);
      groupName = g.name;
    }
  } else {
    const name = isDefault ? DEFAULT_REMAP_USER : want.user;
    user = await host.lookupUser(name);
    if (!user && !isDefault) throw new Error(`Error during uid lookup for ${JSON.stringify(name)}: no such user`);
    if (!user) {
      try {
        await host.addSystemUser(name);
      } catch (err) {
        throw new Error(`Error during ${JSON.stringify(name)} user creation: ${(err as Error).message}`);
      }
      user = await host.lookupUser(name);
      if (!user) throw new Error(`Error during ${JSON.stringify(name)} user creation: the user was not found after useradd`);
    }
    if (want.group === undefined) {
      const g = await host.lookupGroup(name);
      if (!g) throw new Error(`Error during gid lookup for ${JSON.stringify(name)}: no such group`);
      groupName = g.name;
    }
  }
  if (want.group !== undefined) {
    const g = await host.lookupGroup(want.group);
    if (!g) {
      throw new Error(
        isNumber(want.group) ? `Gid ${want.group} has no entry in /etc/group` : `Error during groupname lookup for ${JSON.stringify(want.group)}: no such group`,
      );
    }
    groupName = g.name;
  }
  if (user.name === 'root') {
    warn('User namespaces: root cannot be remapped with itself; user namespaces are OFF');
    return undefined;
  }
  let uids: SubIdRange[];
  let gids: SubIdRange[];
  if (isDefault) {
    // berthd's own user gets its ranges if it has none (made now, or left without by hand).
    uids = await ensureSubIdRange(host.subuidFile, user.name, user.uid);
    gids = await ensureSubIdRange(host.subgidFile, user.name, user.uid);
  } else {
    uids = await readSubIds(host.subuidFile, user.name, user.uid);
    gids = await readSubIds(host.subgidFile, user.name, user.uid);
  }
  if (!uids.length) throw new Error(`error creating ID mappings: no subuid ranges found for user ${JSON.stringify(user.name)} in ${host.subuidFile}`);
  if (!gids.length) throw new Error(`error creating ID mappings: no subgid ranges found for user ${JSON.stringify(user.name)} in ${host.subgidFile}`);
  const mapping: IdMapping = { uids: rangesFrom(uids), gids: rangesFrom(gids) };
  return { spec: `${user.name}:${groupName}`, user: user.name, group: groupName!, mapping, root: rootPair(mapping) };
}

/** The real host: NSS through getent (local files, LDAP, …) and shadow's useradd. */
export function systemRemapHost(): RemapHost {
  const getent = async (db: string, key: string): Promise<string | undefined> => {
    try {
      return (await run('getent', [db, key])).stdout.split('\n')[0];
    } catch {
      return undefined; // exit 2: no such entry
    }
  };
  return {
    lookupUser: async (k) => {
      const line = await getent('passwd', k);
      return line ? parsePasswdLine(line) : undefined;
    },
    lookupGroup: async (k) => {
      const line = await getent('group', k);
      return line ? parseGroupLine(line) : undefined;
    },
    addSystemUser: async (name) => {
      // dockerd's useradd form for dockremap: a system account, its own group, no home, no login.
      await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/bin/false', name]);
    },
    subuidFile: '/etc/subuid',
    subgidFile: '/etc/subgid',
  };
}

/**
 * dockerd's setupDaemonRoot for a remapped daemon: the data root becomes
 * 0711, and the daemon's stores live in <data-root>/<uid>.<gid>, owned
 * root:<gid> 0710, so processes running as the remapped root can traverse it
 * (to bind mounts of container files and volumes) and nobody else can.
 * Every directory above must let that uid/gid through, or starts would fail
 * later in a far less readable way.
 */
export async function prepareRemappedRoot(dataRoot: string, root: Owner): Promise<string> {
  await fsp.mkdir(dataRoot, { recursive: true, mode: 0o711 });
  await fsp.chmod(dataRoot, 0o711);
  const dir = path.join(dataRoot, `${root.uid}.${root.gid}`);
  await fsp.mkdir(dir, { recursive: true, mode: 0o710 });
  await fsp.chown(dir, 0, root.gid);
  await fsp.chmod(dir, 0o710);
  for (let p = path.dirname(path.resolve(dir)); p !== '/'; p = path.dirname(p)) {
    if (!canTraverse(p, root)) {
      throw new Error(
        `a subdirectory in your graphroot path (${dir}) restricts access to the remapped root uid/gid; please fix by allowing 'o+x' permissions on existing directories (${p})`,
      );
    }
  }
  return dir;
}

/** Whether uid/gid may search the directory (by its mode bits alone, as dockerd checks). */
export function canTraverse(dir: string, who: Owner): boolean {
  let st;
  try {
    st = statSync(dir);
  } catch {
    return false;
  }
  if (st.mode & 0o001) return true;
  if (st.mode & 0o010 && st.gid === who.gid) return true;
  return !!(st.mode & 0o100 && st.uid === who.uid);
}
