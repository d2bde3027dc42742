// Non-root containers: USER from the image and -u uid[:gid], supplementary
// groups from the image's /etc/group, files made in volumes owned by the
// container's user; and a symlinked /etc/passwd is read inside the image.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let hostDir: string;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  hostDir = mkdtempSync(join(tmpdir(), 'berth-nonroot-'));
  ok('berth', ['run', '--name', 'mkuser', 'busybox', 'sh', '-c', [
    'echo app:x:1000:1000::/home/app:/bin/sh >> /etc/passwd',
    'echo app:x:1000: >> /etc/group',
    'sed -i "s/^audio:x:29:.*/&,app/; s/^audio:x:29:,app/audio:x:29:app/" /etc/group',
    'mkdir -p /home/app /srv/data && chown app:app /home/app /srv/data',
  ].join(' && ')]);
  ok('berth', ['commit', '--change', 'USER app', '--change', 'WORKDIR /home/app', 'mkuser', 'appimg']);
  ok('berth', ['rm', 'mkuser']);
});
after(async () => {
  await d?.stop();
  if (hostDir) rmSync(hostDir, { recursive: true, force: true });
});

type Cli = 'berth' | 'docker';
const run = (cli: Cli, args: string[]) => (cli === 'berth' ? d.berth(args) : d.docker(args));
function ok(cli: Cli, args: string[]): string {
  const r = run(cli, args);
  assert.equal(r.code, 0, `${cli} ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}
const owner = (p: string) => {
  const st = statSync(p);
  return `${st.uid}:${st.gid}`;
};
const volumePath = (name: string) => JSON.parse(ok('berth', ['volume', 'inspect', name]))[0].Mountpoint as string;

for (const cli of ['berth', 'docker'] as Cli[]) {
  test(`${cli}: USER from the image, -u uid[:gid] and names, with Docker's id output`, () => {
    // (the kernel keeps supplementary groups sorted)
    assert.equal(ok(cli, ['run', '--rm', 'appimg', 'id']), 'uid=1000(app) gid=1000(app) groups=29(audio),1000(app)\n');
    assert.equal(ok(cli, ['run', '--rm', 'appimg', 'sh', '-c', 'echo $HOME $(pwd)']), '/home/app /home/app\n');
    assert.equal(ok(cli, ['run', '--rm', '-u', '1234:5678', 'busybox', 'id']), 'uid=1234 gid=5678 groups=5678\n');
    assert.equal(ok(cli, ['run', '--rm', '-u', '1234', 'busybox', 'id']), 'uid=1234 gid=0(root) groups=0(root)\n');
    assert.equal(ok(cli, ['run', '--rm', '-u', 'app:audio', 'appimg', 'id']), 'uid=1000(app) gid=29(audio) groups=29(audio)\n');
    assert.equal(ok(cli, ['run', '--rm', '-u', 'root', 'appimg', 'id', '-u']), '0\n');
    assert.equal(ok(cli, ['run', '--rm', '-u', 'nobody', 'busybox', 'id']), 'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n');
    const missing = run(cli, ['run', '--rm', '-u', 'nosuchuser', 'busybox', 'id']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /unable to find user nosuchuser: no matching entries in passwd file/);
    // a non-root user has no capabilities and cannot write root's files
    assert.match(ok(cli, ['run', '--rm', 'appimg', 'grep', 'CapEff', '/proc/self/status']), /0000000000000000/);
    assert.notEqual(run(cli, ['run', '--rm', 'appimg', 'touch', '/etc/x']).code, 0);
  });

  test(`${cli}: exec runs as the container's user unless -u says otherwise`, () => {
    const name = `nr-exec-${cli}`;
    ok(cli, ['run', '-d', '--name', name, 'appimg', 'sleep', '60']);
    try {
      assert.equal(ok(cli, ['exec', name, 'id', '-un']), 'app\n');
      assert.equal(ok(cli, ['exec', '-u', '0', name, 'id', '-u']), '0\n');
      assert.equal(ok(cli, ['exec', '-u', '1234:5678', name, 'id']), 'uid=1234 gid=5678 groups=5678\n');
    } finally {
      run(cli, ['rm', '-f', name]);
    }
  });

  test(`${cli}: files made in volumes and binds belong to the container's user`, () => {
    const vol = `nr-home-${cli}`;
    // the volume is seeded from the image's /srv/data, owned by app, so app can write it
    ok(cli, ['run', '--rm', '-v', `${vol}:/srv/data`, 'appimg', 'sh', '-c', 'touch /srv/data/f && mkdir /srv/data/d']);
    const mp = volumePath(vol);
    assert.equal(owner(mp), '1000:1000');
    assert.equal(owner(join(mp, 'f')), '1000:1000');
    assert.equal(owner(join(mp, 'd')), '1000:1000');
    const tmpVol = `nr-tmp-${cli}`;
    ok(cli, ['run', '--rm', '-u', '1234:5678', '-v', `${tmpVol}:/tmp`, 'busybox', 'touch', '/tmp/g']);
    assert.equal(owner(join(volumePath(tmpVol), 'g')), '1234:5678');
    // a root-owned new volume is not writable by a non-root user, as in Docker
    assert.notEqual(run(cli, ['run', '--rm', '-u', '1234', '-v', `nr-rootvol-${cli}:/data`, 'busybox', 'touch', '/data/x']).code, 0);
    const bind = mkdtempSync(join(hostDir, 'bind-'));
    ok(cli, ['run', '--rm', '-u', '0', '-v', `${bind}:/b`, 'busybox', 'chown', '4321:8765', '/b']);
    ok(cli, ['run', '--rm', '-u', '4321:8765', '-v', `${bind}:/b`, 'busybox', 'touch', '/b/h']);
    assert.equal(owner(join(bind, 'h')), '4321:8765');
    for (const v of [vol, tmpVol, `nr-rootvol-${cli}`]) ok(cli, ['volume', 'rm', v]);
  });
}

test('a symlinked /etc/passwd in an image is resolved inside the image, never on the host', () => {
  // a passwd file on the host that a hostile image links to
  const evil = join(hostDir, 'passwd');
  writeFileSync(evil, 'evil:x:4242:4242::/:/bin/sh\n');
  ok('berth', ['run', '--name', 'mklink', 'busybox', 'sh', '-c', `cp /etc/passwd /etc/passwd.real && echo inner:x:7:7::/:/bin/sh >> /etc/passwd.real && ln -sf ${evil} /etc/passwd && ln -sf /etc/passwd.real /etc/passwd2`]);
  ok('berth', ['commit', 'mklink', 'linkimg']);
  ok('berth', ['rm', 'mklink']);
  for (const cli of ['berth', 'docker'] as Cli[]) {
    const r = run(cli, ['run', '--rm', '-u', 'evil', 'linkimg', 'id']);
    assert.notEqual(r.code, 0, r.stdout);
    assert.match(r.stderr, /unable to find user evil: no matching entries in passwd file/);
  }
  // an in-image link is followed: point /etc/passwd at /etc/passwd.real inside the image
  ok('berth', ['run', '--name', 'mklink2', 'linkimg', 'ln', '-sf', '/etc/passwd.real', '/etc/passwd']);
  ok('berth', ['commit', 'mklink2', 'linkimg2']);
  ok('berth', ['rm', 'mklink2']);
  assert.equal(ok('berth', ['run', '--rm', '-u', 'inner', 'linkimg2', 'id', '-u']), '7\n');
  ok('berth', ['rmi', 'linkimg', 'linkimg2']);
});
