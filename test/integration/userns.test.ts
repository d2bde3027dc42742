// berthd --userns-remap through the real daemon, with the berth CLI and the
// real docker CLI: container root is an unprivileged host uid, the image's
// layers, volumes and the container's files are stored shifted, what comes
// out (cp, commit, save, export) carries the container's ids again, and
// --userns=host opts out. `default` creates the berth-remap user and its
// /etc/subuid and /etc/subgid ranges: every account file is saved before
// and put back byte for byte (mode, owner and times too) after, even when a
// test fails.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar-stream';
import { freeRangeStart, parseSubIds } from '../../src/sys/subid';
import { ROOT, startTestDaemon, type Daemon } from './harness';

// The account files useradd/userdel touch, and the backups shadow-utils keeps of them.
const ACCOUNT_FILES = ['passwd', 'group', 'shadow', 'gshadow', 'subuid', 'subgid'].flatMap((f) => [`/etc/${f}`, `/etc/${f}-`]);
type Saved = { data: Buffer; mode: number; uid: number; gid: number; atime: string; mtime: string } | null;

function saveAccounts(): Map<string, Saved> {
  const out = new Map<string, Saved>();
  for (const p of ACCOUNT_FILES) {
    if (!existsSync(p)) {
      out.set(p, null);
      continue;
    }
    const st = statSync(p, { bigint: true });
    const ts = (ns: bigint) => `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`;
    out.set(p, { data: readFileSync(p), mode: Number(st.mode & 0o7777n), uid: Number(st.uid), gid: Number(st.gid), atime: ts(st.atimeNs), mtime: ts(st.mtimeNs) });
  }
  return out;
}

function restoreAccounts(saved: Map<string, Saved>): void {
  for (const [p, s] of saved) {
    if (!s) {
      rmSync(p, { force: true });
      continue;
    }
    const cur = existsSync(p) ? readFileSync(p) : undefined;
    if (!cur || !cur.equals(s.data)) {
      // Whole or not at all: never a half-written /etc/shadow.
      const tmp = `${p}.berth-test-${randomBytes(4).toString('hex')}`;
      writeFileSync(tmp, s.data, { mode: 0o600 });
      renameSync(tmp, p);
    }
    chownSync(p, s.uid, s.gid);
    chmodSync(p, s.mode);
    spawnSync('touch', ['-a', '-d', s.atime, p]);
    spawnSync('touch', ['-m', '-d', s.mtime, p]);
  }
}

const userExists = (name: string) => spawnSync('getent', ['passwd', name]).status === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ok(d: Daemon, cli: 'berth' | 'docker', args: string[], input?: string | Buffer): string {
  const r = d[cli](args, { input });
  assert.equal(r.code, 0, `${cli} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Entries of a tar as name → [uid, gid]. */
async function tarOwners(buf: Buffer): Promise<Record<string, [number, number]>> {
  const out: Record<string, [number, number]> = {};
  const ex = tar.extract();
  const done = (async () => {
    for await (const e of ex) {
      out[e.header.name] = [e.header.uid ?? -1, e.header.gid ?? -1];
      e.resume();
    }
  })();
  ex.end(buf);
  await done;
  return out;
}

function tarOf(entries: { name: string; body?: string; uid: number; gid: number; type?: 'file' | 'directory' }[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const e of entries) pack.entry({ name: e.name, type: e.type ?? 'file', mode: e.type === 'directory' ? 0o755 : 0o644, uid: e.uid, gid: e.gid }, e.body ?? '');
  pack.finalize();
  return done.then(() => Buffer.concat(chunks));
}

const hostIds = (pid: string) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { uid: /^Uid:\s+(\d+)/m.exec(status)![1], gid: /^Gid:\s+(\d+)/m.exec(status)![1], map: readFileSync(`/proc/${pid}/uid_map`, 'utf8').trim().split(/\s+/).join(' ') };
};

let accounts: Map<string, Saved>;
let hadRemapUser = false;
before(() => {
  accounts = saveAccounts();
  hadRemapUser = userExists('berth-remap');
});
after(() => {
  try {
    if (!hadRemapUser && userExists('berth-remap')) spawnSync('userdel', ['berth-remap']);
  } finally {
    restoreAccounts(accounts);
  }
  for (const [p, s] of accounts) assert.ok(s ? readFileSync(p).equals(s.data) : !existsSync(p), `${p} restored`);
});

describe('--userns-remap=default', () => {
  let d: Daemon;
  let uidStart = 0;
  let gidStart = 0;
  let storeRoot = '';
  let work = '';
  before(async () => {
    // What berthd must pick: berth-remap's ranges if it has them, else the first free 65536 from 100000.
    const pick = (file: string) => {
      const entries = parseSubIds(existsSync(file) ? readFileSync(file, 'utf8') : '');
      return entries.find((e) => e.name === 'berth-remap')?.start ?? freeRangeStart(entries);
    };
    uidStart = pick('/etc/subuid');
    gidStart = pick('/etc/subgid');
    work = mkdtempSync(join(tmpdir(), 'berth-userns-'));
    d = await startTestDaemon({ extraArgs: ['--userns-remap=default'], images: ['busybox'] });
    storeRoot = join(d.dataRoot, 'root', `${uidStart}.${gidStart}`);
  });
  after(async () => {
    await d?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('berth-remap is made with ranges appended, and the stores move to <data-root>/<uid>.<gid>', async () => {
    assert.ok(userExists('berth-remap'));
    const shell = spawnSync('getent', ['passwd', 'berth-remap'], { encoding: 'utf8' }).stdout.trim().split(':')[6];
    assert.equal(shell, '/bin/false');
    for (const [file, start] of [['/etc/subuid', uidStart], ['/etc/subgid', gidStart]] as const) {
      const before = accounts.get(file)?.data.toString() ?? '';
      const now = readFileSync(file, 'utf8');
      if (!/^berth-remap:/m.test(before)) assert.equal(now, `${before}${before && !before.endsWith('\n') ? '\n' : ''}berth-remap:${start}:65536\n`);
      else assert.equal(now, before);
    }
    const st = statSync(storeRoot);
    assert.deepEqual([st.uid, st.gid, st.mode & 0o777], [0, gidStart, 0o710]);
    assert.ok(existsSync(join(storeRoot, 'berth.db')));
    assert.ok(!existsSync(join(d.dataRoot, 'root', 'berth.db')), 'nothing is stored outside the remapped root');
    for (const cli of ['berth', 'docker'] as const) {
      assert.equal(ok(d, cli, ['info', '--format', '{{.DockerRootDir}}']).trim(), storeRoot);
      assert.match(ok(d, cli, ['info', '--format', '{{json .SecurityOptions}}']), /"name=userns"/);
    }
    const info = await d.api('GET', '/info');
    assert.ok(info.json.SecurityOptions.includes('name=userns'));
  });

  test('container root is root inside and the remapped uid on the host; image layers are stored shifted', () => {
    for (const cli of ['berth', 'docker'] as const) {
      assert.match(ok(d, cli, ['run', '--rm', 'busybox', 'id']), /^uid=0\(root\) gid=0\(root\)/);
      assert.equal(ok(d, cli, ['run', '--rm', 'busybox', 'cat', '/proc/self/uid_map']).trim().split(/\s+/).join(' '), `0 ${uidStart} 65536`);
    }
    ok(d, 'docker', ['run', '-d', '--name', 'top', 'busybox', 'sleep', '1000']);
    const pid = ok(d, 'berth', ['inspect', '-f', '{{.State.Pid}}', 'top']).trim();
    assert.deepEqual(hostIds(pid), { uid: String(uidStart), gid: String(gidStart), map: `0 ${uidStart} 65536` });
    // The image's busybox binary (root-owned in the image) on the host.
    const snaps = join(storeRoot, 'snapshots');
    const found = readdirSync(snaps).map((s) => join(snaps, s, 'fs', 'bin', 'busybox')).filter((p) => existsSync(p));
    assert.ok(found.length > 0, 'busybox layer found');
    for (const p of found) assert.deepEqual([lstatSync(p).uid, lstatSync(p).gid], [uidStart, gidStart]);
    // Files berthd writes for the container belong to its root.
    const dir = join(storeRoot, 'containers', ok(d, 'berth', ['inspect', '-f', '{{.Id}}', 'top']).trim());
    assert.deepEqual([statSync(dir).gid, statSync(dir).mode & 0o777], [gidStart, 0o710]);
    for (const f of ['hostname', 'hosts', 'resolv.conf']) assert.equal(statSync(join(dir, f)).uid, uidStart);
    ok(d, 'docker', ['exec', 'top', 'sh', '-c', 'echo 10.9.9.9 extra >> /etc/hosts']);
    ok(d, 'berth', ['rm', '-f', 'top']);
  });

  test('a named volume: files the container makes are owned by the shifted ids on the host', () => {
    ok(d, 'berth', ['volume', 'create', 'data']);
    const mp = ok(d, 'docker', ['volume', 'inspect', '-f', '{{.Mountpoint}}', 'data']).trim();
    assert.equal(statSync(mp).uid, uidStart, 'a new volume belongs to the remapped root');
    ok(d, 'berth', ['run', '--rm', '-v', 'data:/data', 'busybox', 'sh', '-c', 'touch /data/byroot && touch /data/by1000 && chown 1000:1001 /data/by1000']);
    ok(d, 'docker', ['run', '--rm', '-u', '33:33', '-v', 'data:/data', 'busybox', 'sh', '-c', 'mkdir /data/d33 2>/dev/null || true']);
    assert.deepEqual([statSync(join(mp, 'byroot')).uid, statSync(join(mp, 'byroot')).gid], [uidStart, gidStart]);
    assert.deepEqual([statSync(join(mp, 'by1000')).uid, statSync(join(mp, 'by1000')).gid], [uidStart + 1000, gidStart + 1001]);
    assert.equal(ok(d, 'docker', ['run', '--rm', '-v', 'data:/data', 'busybox', 'stat', '-c', '%u:%g', '/data/by1000']).trim(), '1000:1001');
    ok(d, 'berth', ['volume', 'rm', 'data']);
  });

  test('--device, --read-only, --tmpfs and --init work inside the user namespace', () => {
    for (const cli of ['berth', 'docker'] as const) {
      assert.equal(ok(d, cli, ['run', '--rm', '--device', '/dev/null:/dev/mynull', 'busybox', 'sh', '-c', 'echo x > /dev/mynull && stat -c %t:%T /dev/mynull']).trim(), '1:3');
    }
    assert.equal(ok(d, 'docker', ['run', '--rm', '--read-only', '--tmpfs', '/scratch', 'busybox', 'sh', '-c', 'touch /scratch/x && stat -c %u /scratch/x && ! touch /nope 2>/dev/null']).trim(), '0');
    assert.match(ok(d, 'berth', ['run', '--rm', '--init', 'busybox', 'ps']), /docker-init/);
  });

  test('--userns=host: no user namespace (host root), the rest still works', () => {
    for (const cli of ['berth', 'docker'] as const) {
      assert.equal(ok(d, cli, ['run', '--rm', '--userns=host', 'busybox', 'cat', '/proc/self/uid_map']).trim().split(/\s+/).join(' '), '0 0 4294967295');
    }
    ok(d, 'docker', ['run', '-d', '--name', 'hostns', '--userns=host', 'busybox', 'sleep', '1000']);
    const pid = ok(d, 'berth', ['inspect', '-f', '{{.State.Pid}}', 'hostns']).trim();
    assert.deepEqual(hostIds(pid), { uid: '0', gid: '0', map: '0 0 4294967295' });
    assert.equal(ok(d, 'berth', ['inspect', '-f', '{{.HostConfig.UsernsMode}}', 'hostns']).trim(), 'host');
    ok(d, 'berth', ['rm', '-f', 'hostns']);
  });

  test("Docker's refusals: privileged, host network and host pid need --userns=host", () => {
    for (const cli of ['berth', 'docker'] as const) {
      const priv = d[cli](['run', '--rm', '--privileged', 'busybox', 'true']);
      assert.equal(priv.code, 125);
      assert.match(priv.stderr, /privileged mode is incompatible with user namespaces\.  You must run the container in the host namespace when running privileged mode/);
      const net = d[cli](['run', '--rm', '--network', 'host', 'busybox', 'true']);
      assert.equal(net.code, 125);
      assert.match(net.stderr, /cannot share the host's network namespace when user namespaces are enabled/);
      const pid = d[cli](['run', '--rm', '--pid', 'host', 'busybox', 'true']);
      assert.equal(pid.code, 125);
      assert.match(pid.stderr, /cannot share the host PID namespace when user namespaces are enabled/);
      assert.equal(ok(d, cli, ['run', '--rm', '--privileged', '--network', 'host', '--userns=host', 'busybox', 'id', '-u']).trim(), '0');
    }
    assert.match(d.docker(['run', '--rm', '--userns=bogus', 'busybox', 'true']).stderr, /invalid USER mode/);
    assert.match(d.berth(['run', '--rm', '--userns=bogus', 'busybox', 'true']).stderr, /--userns: invalid USER mode/);
  });

  test('exec, logs, restart and a berthd restart keep working; the container owns its network namespace', async () => {
    ok(d, 'docker', ['run', '-d', '--name', 'loop', 'busybox', 'sh', '-c', 'echo started; while :; do sleep 1; done']);
    assert.equal(ok(d, 'docker', ['exec', 'loop', 'id', '-u']).trim(), '0');
    assert.equal(ok(d, 'berth', ['exec', '-u', '1000', 'loop', 'id', '-u']).trim(), '1000');
    const execPid = ok(d, 'berth', ['exec', 'loop', 'sh', '-c', 'echo $$; cat /proc/self/uid_map']).trim().split('\n');
    assert.equal(execPid[1].trim().split(/\s+/).join(' '), `0 ${uidStart} 65536`);
    assert.match(ok(d, 'docker', ['logs', 'loop']), /started/);
    // stats: cgroup files and the container's network namespace, read by berthd as host root.
    const stats = JSON.parse(ok(d, 'docker', ['stats', '--no-stream', '--format', '{{json .}}', 'loop']));
    assert.equal(stats.Name, 'loop');
    assert.match(stats.MemUsage, /\d/);
    assert.match(stats.NetIO, /B \/ /);
    const before = ok(d, 'berth', ['inspect', '-f', '{{.State.Pid}}', 'loop']).trim();
    ok(d, 'docker', ['restart', '-t', '1', 'loop']);
    const after = ok(d, 'berth', ['inspect', '-f', '{{.State.Pid}}', 'loop']).trim();
    assert.notEqual(after, before);
    assert.equal(hostIds(after).uid, String(uidStart));
    assert.equal(ok(d, 'berth', ['logs', 'loop']).match(/started/g)?.length, 2);
    // Root in the container owns its network namespace: sysfs is a real mount, ports below 1024 bind, ping works.
    assert.match(ok(d, 'docker', ['exec', 'loop', 'sh', '-c', 'grep " /sys " /proc/mounts']), /^sysfs \/sys sysfs /);
    const ip = ok(d, 'docker', ['inspect', '-f', '{{.NetworkSettings.IPAddress}}', 'loop']).trim();
    ok(d, 'docker', ['run', '-d', '--name', 'web', '-p', '127.0.0.1::80', 'busybox', 'httpd', '-f', '-p', '80', '-h', '/etc']);
    assert.match(ok(d, 'berth', ['run', '--rm', 'busybox', 'ping', '-c', '1', '-W', '5', ip]), /1 packets received/);
    const port = ok(d, 'docker', ['port', 'web', '80/tcp']).trim().split(':').pop();
    let got = '';
    for (let i = 0; i < 50 && !got.includes('localhost'); i++) {
      got = spawnSync('curl', ['-s', '--max-time', '2', `http://127.0.0.1:${port}/hostname`], { encoding: 'utf8' }).stdout;
      if (!got) await sleep(200);
    }
    assert.ok(got.trim().length > 0, 'httpd on port 80 answers through the published port');
    const webIp = ok(d, 'docker', ['inspect', '-f', '{{.NetworkSettings.IPAddress}}', 'web']).trim();
    assert.match(ok(d, 'berth', ['exec', 'loop', 'wget', '-q', '-O', '-', `http://${webIp}/hostname`]), /\w/);
    // The user namespace holding the netns is a file next to it while the container runs, gone when it stops.
    const id = ok(d, 'berth', ['inspect', '-f', '{{.Id}}', 'web']).trim();
    assert.ok(existsSync(join(d.execRoot, 'userns', id)));
    // Live restore: berthd restarts, the container keeps running in its namespaces.
    await d.restart();
    assert.equal(ok(d, 'berth', ['inspect', '-f', '{{.State.Running}} {{.State.Pid}}', 'loop']).trim(), `true ${after}`);
    assert.equal(ok(d, 'docker', ['exec', 'loop', 'id', '-u']).trim(), '0');
    assert.match(ok(d, 'berth', ['exec', 'loop', 'wget', '-q', '-O', '-', `http://${webIp}/hostname`]), /\w/);
    ok(d, 'berth', ['stop', '-t', '1', 'web']);
    assert.ok(!existsSync(join(d.execRoot, 'userns', id)), 'the user namespace file goes with the netns');
    // Sharing a network namespace means sharing its user namespace.
    assert.equal(ok(d, 'docker', ['run', '--rm', '--network', 'container:loop', 'busybox', 'sh', '-c', 'readlink /proc/self/ns/user; readlink /proc/self/ns/net']).trim(), ok(d, 'berth', ['exec', 'loop', 'sh', '-c', 'readlink /proc/self/ns/user; readlink /proc/self/ns/net']).trim());
    ok(d, 'berth', ['rm', '-f', 'loop', 'web']);
  });

  test('cp in and out, commit, save and export carry the container ids; cp-in lands shifted on the host', async () => {
    ok(d, 'docker', ['run', '-d', '--name', 'files', 'busybox', 'sh', '-c', 'mkdir -p /home/app && touch /home/app/mine && chown -R 1000:1000 /home/app && sleep 1000']);
    for (let i = 0; i < 50 && d.berth(['exec', 'files', 'test', '-e', '/home/app/mine']).code !== 0; i++) await sleep(100);
    // Out: docker cp to stdout is a tar.
    for (const cli of ['berth', 'docker'] as const) {
      const r = spawnSync(cli === 'docker' ? '/usr/local/bin/docker' : join(ROOT, 'bin', 'berth'), ['cp', 'files:/home/app', '-'], {
        env: { ...process.env, BERTH_HOST: d.host, DOCKER_HOST: d.host },
        maxBuffer: 64 << 20,
      });
      assert.equal(r.status, 0, String(r.stderr));
      const owners = await tarOwners(r.stdout);
      assert.deepEqual(owners['app/'], [1000, 1000], cli);
      assert.deepEqual(owners['app/mine'], [1000, 1000], cli);
    }
    // In: the archive's ids are the container's; on the host they are shifted.
    const t = join(work, 'in.tar');
    writeFileSync(t, await tarOf([{ name: 'given.txt', body: 'x', uid: 1234, gid: 2345 }]));
    ok(d, 'docker', ['cp', '-', 'files:/home/'], readFileSync(t));
    assert.equal(ok(d, 'berth', ['exec', 'files', 'stat', '-c', '%u:%g', '/home/given.txt']).trim(), '1234:2345');
    const pid = ok(d, 'berth', ['inspect', '-f', '{{.State.Pid}}', 'files']).trim();
    const onHost = statSync(`/proc/${pid}/root/home/given.txt`);
    assert.deepEqual([onHost.uid, onHost.gid], [uidStart + 1234, gidStart + 2345]);
    const plain = join(work, 'plain.txt');
    writeFileSync(plain, 'p');
    chownSync(plain, 4321, 4321);
    ok(d, 'berth', ['cp', plain, 'files:/home/plain.txt']);
    assert.equal(ok(d, 'docker', ['exec', 'files', 'stat', '-c', '%u:%g', '/home/plain.txt']).trim(), '4321:4321');
    // commit → the new layer holds container ids; running it shows them; save's layer tar too.
    ok(d, 'docker', ['commit', 'files', 'committed:remap']);
    assert.equal(ok(d, 'berth', ['run', '--rm', 'committed:remap', 'stat', '-c', '%u:%g', '/home/app/mine', '/home/given.txt']).trim(), '1000:1000\n1234:2345');
    const saved = join(work, 'saved');
    ok(d, 'docker', ['save', '-o', join(work, 'saved.tar'), 'committed:remap']);
    assert.equal(spawnSync('mkdir', ['-p', saved]).status, 0);
    assert.equal(spawnSync('tar', ['-xf', join(work, 'saved.tar'), '-C', saved]).status, 0);
    const manifest = JSON.parse(readFileSync(join(saved, 'manifest.json'), 'utf8'));
    const top = readFileSync(join(saved, manifest[0].Layers.at(-1)));
    const layer = await tarOwners(top);
    assert.deepEqual(layer['home/app/mine'], [1000, 1000]);
    assert.deepEqual(layer['home/given.txt'], [1234, 2345]);
    const base = await tarOwners(readFileSync(join(saved, manifest[0].Layers[0])));
    const bb = Object.entries(base).find(([n]) => n.replace(/^\.\//, '') === 'bin/busybox');
    assert.deepEqual(bb?.[1], [0, 0], 'the base layer keeps the image\'s own root ids');
    // export: the whole filesystem with container ids.
    const exp = spawnSync('/usr/local/bin/docker', ['export', 'files'], { env: { ...process.env, DOCKER_HOST: d.host }, maxBuffer: 64 << 20 });
    const exported = await tarOwners(exp.stdout);
    assert.deepEqual(exported['home/app/mine'], [1000, 1000]);
    assert.deepEqual(exported['bin/busybox'], [0, 0]);
    // A stopped container: cp still maps both ways.
    ok(d, 'berth', ['stop', '-t', '1', 'files']);
    ok(d, 'berth', ['cp', '-', 'files:/home/'], await tarOf([{ name: 'stopped.txt', uid: 7, gid: 8 }]));
    ok(d, 'berth', ['start', 'files']);
    assert.equal(ok(d, 'berth', ['exec', 'files', 'stat', '-c', '%u:%g', '/home/stopped.txt']).trim(), '7:8');
    ok(d, 'berth', ['rm', '-f', 'files']);
  });

  test('build: RUN in the user namespace, COPY --chown and ADD archives stored shifted, layers with image ids', async () => {
    const ctx = join(work, 'ctx');
    assert.equal(spawnSync('mkdir', ['-p', ctx]).status, 0);
    writeFileSync(join(ctx, 'f'), 'f');
    writeFileSync(join(ctx, 'a.tar'), await tarOf([{ name: 'z', body: 'z', uid: 77, gid: 88 }]));
    writeFileSync(
      join(ctx, 'Dockerfile'),
      'FROM busybox\nRUN cat /proc/self/uid_map > /uidmap && touch /byrun && chown 1500:1500 /byrun\nCOPY --chown=1500:1600 f /f\nADD a.tar /opt/\nWORKDIR /w\n',
    );
    ok(d, 'docker', ['build', '-q', '-t', 'built:remap', ctx]);
    assert.equal(
      ok(d, 'berth', ['run', '--rm', 'built:remap', 'stat', '-c', '%n %u:%g', '/byrun', '/f', '/opt/z', '/w']).trim(),
      '/byrun 1500:1500\n/f 1500:1600\n/opt/z 77:88\n/w 0:0',
    );
    assert.equal(ok(d, 'berth', ['run', '--rm', 'built:remap', 'cat', '/uidmap']).trim().split(/\s+/).join(' '), `0 ${uidStart} 65536`);
  });
});

describe('--userns-remap=user:group with a user made beforehand', () => {
  const tag = randomBytes(3).toString('hex');
  const user = `btremap${tag}`;
  const group = `btremapg${tag}`;
  const bare = `btbare${tag}`;
  let d: Daemon | undefined;
  let start = 0;
  before(() => {
    for (const [cmd, args] of [
      ['groupadd', ['--system', group]],
      ['useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/bin/false', user]],
      ['useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/bin/false', bare]],
    ] as const) {
      const r = spawnSync(cmd, args, { encoding: 'utf8' });
      assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
    }
    // A range well away from anyone's, 1000 ids wide to show the size is the file's.
    const entries = [...parseSubIds(readFileSync('/etc/subuid', 'utf8')), ...parseSubIds(readFileSync('/etc/subgid', 'utf8'))];
    start = freeRangeStart(entries, 2 * 65536, 500000);
    writeFileSync('/etc/subuid', `${readFileSync('/etc/subuid', 'utf8')}${user}:${start}:65536\n`);
    writeFileSync('/etc/subgid', `${readFileSync('/etc/subgid', 'utf8')}${user}:${start + 65536}:65536\n`);
  });
  after(async () => {
    await d?.stop();
    for (const u of [user, bare]) spawnSync('userdel', [u]);
    spawnSync('groupdel', [group]);
    // The outer after() puts every account file back exactly.
  });

  test("the user's own ranges are used; the store is named by them", async () => {
    const files = ['/etc/passwd', '/etc/group', '/etc/subuid', '/etc/subgid'].map((f) => readFileSync(f));
    d = await startTestDaemon({ extraArgs: [`--userns-remap=${user}:${group}`], images: ['busybox'] });
    // An existing user is used as it is: no account file changes.
    assert.deepEqual(['/etc/passwd', '/etc/group', '/etc/subuid', '/etc/subgid'].map((f) => readFileSync(f)), files);
    assert.equal(ok(d, 'docker', ['info', '--format', '{{.DockerRootDir}}']).trim(), join(d.dataRoot, 'root', `${start}.${start + 65536}`));
    ok(d, 'berth', ['run', '-d', '--name', 'cc', 'busybox', 'sleep', '1000']);
    const pid = ok(d, 'docker', ['inspect', '-f', '{{.State.Pid}}', 'cc']).trim();
    assert.deepEqual(hostIds(pid), { uid: String(start), gid: String(start + 65536), map: `0 ${start} 65536` });
    assert.equal(readFileSync(`/proc/${pid}/gid_map`, 'utf8').trim().split(/\s+/).join(' '), `0 ${start + 65536} 65536`);
    assert.match(ok(d, 'berth', ['exec', 'cc', 'id']), /^uid=0\(root\) gid=0\(root\)/);
    await d.stop();
    d = undefined;
  });

  test('a user without ranges stops berthd with a clear error; nothing is written', async () => {
    const subuid = readFileSync('/etc/subuid');
    await assert.rejects(startTestDaemon({ extraArgs: [`--userns-remap=${bare}`] }), new RegExp(`no subuid ranges found for user \\\\?"${bare}\\\\?"`));
    await assert.rejects(startTestDaemon({ extraArgs: ['--userns-remap=no-such-user-' + tag] }), /Error during uid lookup for \\?"no-such-user-/);
    assert.ok(readFileSync('/etc/subuid').equals(subuid));
  });
});
