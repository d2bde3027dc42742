import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fsp, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { overlayChanges, overlayDirs } from './changes';

const isRoot = process.getuid?.() === 0;

test('overlay changes: A/C/D like dockerd, mount points left out', { skip: !isRoot }, async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-changes-'));
  try {
    const lower = path.join(base, 'lower');
    const upper = path.join(base, 'upper');
    for (const d of ['etc', 'usr/bin', 'var/cache/x']) await fsp.mkdir(path.join(lower, d), { recursive: true });
    await fsp.writeFile(path.join(lower, 'etc', 'motd'), 'hi');
    await fsp.writeFile(path.join(lower, 'usr', 'bin', 'tool'), 't');
    await fsp.mkdir(path.join(upper, 'etc'), { recursive: true });
    await fsp.writeFile(path.join(upper, 'etc', 'hosts'), ''); // runc's mount point
    await fsp.mkdir(path.join(upper, 'usr', 'bin'), { recursive: true });
    await fsp.writeFile(path.join(upper, 'usr', 'bin', 'tool'), 'changed');
    await fsp.writeFile(path.join(upper, 'new.txt'), 'n');
    await fsp.mkdir(path.join(upper, 'proc'));
    execFileSync('mknod', [path.join(upper, 'usr', 'gone'), 'c', '0', '0']);
    await fsp.mkdir(path.join(upper, 'var', 'cache'), { recursive: true });
    execFileSync('setfattr', ['-n', 'trusted.overlay.opaque', '-v', 'y', path.join(upper, 'var', 'cache')]);
    const changes = await overlayChanges(upper, [lower], new Set(['/etc/hosts', '/proc']));
    assert.deepEqual(
      changes.map((c) => `${'CAD'[c.Kind]} ${c.Path}`),
      ['A /new.txt', 'C /usr', 'C /usr/bin', 'C /usr/bin/tool', 'D /usr/gone', 'C /var', 'C /var/cache'],
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('overlayDirs reads upper and lower dirs from the mount options', () => {
  assert.deepEqual(overlayDirs([{ type: 'overlay', source: 'overlay', options: ['index=off', 'lowerdir=/a:/b', 'upperdir=/u', 'workdir=/w'] }]), {
    upper: '/u',
    lowers: ['/a', '/b'],
  });
  assert.deepEqual(overlayDirs([{ type: 'bind', source: '/s', options: ['rbind', 'rw'] }]), { upper: '/s', lowers: [] });
});
