import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGroupLine, parsePasswdLine, parseRemapSpec, resolveRemap, type GroupEntry, type PasswdEntry, type RemapHost } from './remap';

function fakeHost(dir: string, users: PasswdEntry[], groups: GroupEntry[]): RemapHost & { added: string[] } {
  const added: string[] = [];
  return {
    added,
    lookupUser: async (k) => users.find((u) => u.name === k || String(u.uid) === k),
    lookupGroup: async (k) => groups.find((g) => g.name === k || String(g.gid) === k),
    addSystemUser: async (name) => {
      added.push(name);
      users.push({ name, uid: 998, gid: 997 });
      groups.push({ name, gid: 997 });
    },
    subuidFile: join(dir, 'subuid'),
    subgidFile: join(dir, 'subgid'),
  };
}

test('remap specs and passwd/group lines', () => {
  assert.deepEqual(parseRemapSpec('default'), { user: 'default', group: undefined });
  assert.deepEqual(parseRemapSpec('1001:1002'), { user: '1001', group: '1002' });
  for (const bad of ['a:b:c', '', ':g', 'u:']) assert.throws(() => parseRemapSpec(bad), /Invalid user\/group specification in --userns-remap/);
  assert.deepEqual(parsePasswdLine('berth-remap:x:998:997::/nonexistent:/bin/false'), { name: 'berth-remap', uid: 998, gid: 997 });
  assert.equal(parsePasswdLine('garbage'), undefined);
  assert.deepEqual(parseGroupLine('berth-remap:x:997:'), { name: 'berth-remap', gid: 997 });
});

test('default creates the user and gives it free ranges in both files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'remap-'));
  try {
    writeFileSync(join(dir, 'subuid'), 'alice:100000:65536\n');
    const host = fakeHost(dir, [{ name: 'alice', uid: 1000, gid: 1000 }], []);
    const r = await resolveRemap('default', host, () => {});
    assert.deepEqual(host.added, ['berth-remap']);
    assert.equal(r?.spec, 'berth-remap:berth-remap');
    assert.deepEqual(r?.mapping.uids, [{ containerID: 0, hostID: 165536, size: 65536 }]);
    assert.deepEqual(r?.mapping.gids, [{ containerID: 0, hostID: 100000, size: 65536 }]);
    assert.deepEqual(r?.root, { uid: 165536, gid: 100000 });
    assert.equal(readFileSync(join(dir, 'subgid'), 'utf8'), 'berth-remap:100000:65536\n');
    // A second start finds the user and its ranges: nothing is added.
    const again = await resolveRemap('default', host, () => {});
    assert.deepEqual(host.added, ['berth-remap']);
    assert.deepEqual(again?.mapping, r?.mapping);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an existing user (by name, number, with a group) uses its own ranges; none is an error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'remap-'));
  try {
    writeFileSync(join(dir, 'subuid'), 'bob:200000:65536\n1001:400000:10\n');
    writeFileSync(join(dir, 'subgid'), 'bob:300000:65536\n');
    const host = fakeHost(
      dir,
      [{ name: 'bob', uid: 1001, gid: 1001 }, { name: 'carol', uid: 1002, gid: 1002 }, { name: 'root', uid: 0, gid: 0 }],
      [{ name: 'bob', gid: 1001 }, { name: 'carol', gid: 1002 }, { name: 'staff', gid: 50 }, { name: 'root', gid: 0 }],
    );
    const r = await resolveRemap('bob:staff', host, () => {});
    assert.equal(r?.spec, 'bob:staff');
    assert.deepEqual(r?.mapping.uids, [{ containerID: 0, hostID: 200000, size: 65536 }, { containerID: 65536, hostID: 400000, size: 10 }]);
    assert.deepEqual(r?.root, { uid: 200000, gid: 300000 });
    assert.equal((await resolveRemap('1001', host, () => {}))?.spec, 'bob:bob');
    assert.equal((await resolveRemap('1001:50', host, () => {}))?.spec, 'bob:staff');
    assert.deepEqual(host.added, []);
    await assert.rejects(resolveRemap('carol', host, () => {}), /no subuid ranges found for user "carol"/);
    await assert.rejects(resolveRemap('nosuch', host, () => {}), /Error during uid lookup for "nosuch"/);
    await assert.rejects(resolveRemap('bob:nogroup', host, () => {}), /Error during groupname lookup for "nogroup"/);
    await assert.rejects(resolveRemap('4242', host, () => {}), /Uid 4242 has no entry in \/etc\/passwd/);
    await assert.rejects(resolveRemap('1001:4242', host, () => {}), /Gid 4242 has no entry in \/etc\/group/);
    const warned: string[] = [];
    assert.equal(await resolveRemap('root', host, (m) => warned.push(m)), undefined);
    assert.match(warned[0], /user namespaces are OFF/);
    // Only the user's subgid lines count (subgid(5) is keyed by user too).
    writeFileSync(join(dir, 'subgid'), 'staff:300000:65536\n');
    await assert.rejects(resolveRemap('bob:staff', host, () => {}), /no subgid ranges found for user "bob"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing useradd is reported with the user it was for', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'remap-'));
  try {
    const host = fakeHost(dir, [], []);
    host.addSystemUser = async () => {
      throw new Error('useradd: cannot lock /etc/passwd');
    };
    await assert.rejects(resolveRemap('default', host, () => {}), /Error during "berth-remap" user creation: useradd: cannot lock/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
