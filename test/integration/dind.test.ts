// Docker-in-docker: berthd runs inside a --privileged berth container (the
// host's /usr and /lib* and this project bind-mounted read-only into busybox),
// with its data root on a volume and its own cgroup parent, builds the busybox
// image there and runs a container; then everything is removed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, cgroupDirs, startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let work: string;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  work = mkdtempSync(join(tmpdir(), 'berth-dind-'));
});
after(async () => {
  await d?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const INNER = `set -e
mkdir -p /run/berth /var/lib/berth
${ROOT}/bin/berthd -H unix:///run/berth/berth.sock --data-root /var/lib/berth --exec-root /run/berth --cgroup-parent berth-inner --config-file /dev/null >/tmp/berthd.log 2>&1 &
for i in $(seq 150); do [ -S /run/berth/berth.sock ] && break; sleep 0.2; done
export BERTH_HOST=unix:///run/berth/berth.sock
fail() { echo "$1 failed"; cat /tmp/berthd.log; exit 1; }
${ROOT}/images/build busybox >/tmp/build.log 2>&1 || { cat /tmp/build.log; fail build; }
${ROOT}/bin/berth run --rm --network none busybox echo hi "$@" || fail run
${ROOT}/bin/berth run --rm --network host busybox sh -c 'grep CapEff /proc/self/status' || fail run-host
${ROOT}/bin/berth ps -a -q | wc -l
`;

for (const cli of ['berth', 'docker'] as const) {
  test(`${cli}: berthd runs in a --privileged container with its data root on a volume; berth run works inside`, () => {
    const script = join(work, `inner-${cli}.sh`);
    writeFileSync(script, INNER);
    const vol = `dind-root-${cli}`;
    const name = `dind-${cli}`;
    const args = [
      'run', '--rm', '--privileged', '--name', name,
      '-v', `${vol}:/var/lib/berth`,
      '-v', '/usr:/usr:ro', '-v', '/lib:/lib:ro', '-v', '/lib64:/lib64:ro',
      // Debian's iptables is a symlink through /etc/alternatives (the inner berthd's bridge needs it)
      '-v', '/etc/alternatives:/etc/alternatives:ro',
      '-v', `${ROOT}:${ROOT}:ro`, '-v', `${script}:/inner.sh:ro`,
      '--tmpfs', '/run', 'busybox', 'sh', '/inner.sh', `from-${cli}`,
    ];
    const r = cli === 'berth' ? d.berth(args) : d.docker(args);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], `hi from-${cli}`);
    // the inner container has the default capability set of the inner daemon
    assert.match(lines[1], /CapEff:\s*00000000a80425fb/);
    assert.equal(lines[2].trim(), '0', 'the inner --rm containers are gone');
    // the inner daemon's state lives on the volume
    const mp = JSON.parse(d.berth(['volume', 'inspect', vol]).stdout)[0].Mountpoint as string;
    assert.ok(existsSync(join(mp, 'berth.db')), 'inner data root on the volume');
    assert.equal(d.berth(['volume', 'rm', vol]).code, 0);
    // nothing is left of the outer container, its cgroups included
    assert.equal(d.berth(['ps', '-a', '-q', '--filter', `name=${name}`]).stdout.trim(), '');
    for (const dir of cgroupDirs(d.cgroupParent)) assert.deepEqual(readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name), [], dir);
  });
}
