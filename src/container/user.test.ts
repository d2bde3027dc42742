import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveUser } from './user';

function withRoot(fn: (root: string, outside: string) => void): void {
  const base = mkdtempSync(join(tmpdir(), 'berth-user-'));
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  mkdirSync(join(root, 'etc'), { recursive: true });
  mkdirSync(outside);
  try {
    fn(root, outside);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

test('users and groups from the image; the primary gid leads the supplementary groups', () => {
  withRoot((root) => {
    writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n');
    writeFileSync(join(root, 'etc/group'), 'root:x:0:\nwheel:x:10:root\napp:x:1000:\nstaff:x:50:app,other\naudio:x:29:\n');
    assert.deepEqual(resolveUser(root, ''), { uid: 0, gid: 0, additionalGids: [0, 10], home: '/root' });
    assert.deepEqual(resolveUser(root, 'app'), { uid: 1000, gid: 1000, additionalGids: [1000, 50], home: '/home/app' });
    assert.deepEqual(resolveUser(root, 'app:audio', ['4242']), { uid: 1000, gid: 29, additionalGids: [29, 50, 4242], home: '/home/app' });
    assert.deepEqual(resolveUser(root, '1234:5678'), { uid: 1234, gid: 5678, additionalGids: [5678], home: '/' });
    assert.throws(() => resolveUser(root, 'nobody'), /unable to find user nobody: no matching entries in passwd file/);
    assert.throws(() => resolveUser(root, 'app:nogroup'), /unable to find group nogroup/);
  });
});

test('a symlinked /etc/passwd is followed inside the rootfs, never on the host', () => {
  withRoot((root, outside) => {
    writeFileSync(join(outside, 'passwd'), 'evil:x:4242:4242::/evil:/bin/sh\n');
    symlinkSync(join(outside, 'passwd'), join(root, 'etc/passwd'));
    assert.throws(() => resolveUser(root, 'evil'), /unable to find user evil/);
    // the same link target inside the root is what the container would see
    mkdirSync(join(root, outside), { recursive: true });
    writeFileSync(join(root, outside, 'passwd'), 'inner:x:7:7::/in:/bin/sh\n');
    assert.equal(resolveUser(root, 'inner').uid, 7);
    // relative links climbing out stop at the rootfs' /
    rmSync(join(root, 'etc/passwd'));
    symlinkSync('../../../../../../../../..' + join(outside, 'passwd'), join(root, 'etc/passwd'));
    assert.equal(resolveUser(root, 'inner').uid, 7);
    assert.throws(() => resolveUser(root, 'evil'), /unable to find user evil/);
  });
});

test('a FIFO as /etc/group does not block and counts as empty', () => {
  withRoot((root) => {
    writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    spawnSync('mkfifo', [join(root, 'etc/group')]);
    assert.deepEqual(resolveUser(root, 'root').additionalGids, [0]);
  });
});
