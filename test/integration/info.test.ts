// info tells the truth: counts, storage driver and its backing filesystem,
// cgroup driver and version, runtimes with runc's commit, security options,
// kernel, and dockerd's WARNING lines for what this host lacks — through the
// berth CLI, the docker CLI and the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT, startTestDaemon, type Daemon } from './harness';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  await d?.stop();
});

function ok(args: string[]): string {
  const r = d.berth(args);
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** What this host lacks, read here independently of berthd, in dockerd's words. */
function expectedWarnings(): string[] {
  const v2 = existsSync('/sys/fs/cgroup/cgroup.controllers');
  const w: string[] = [];
  const flag = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8').trim() === '1' : null);
  if (!v2) {
    if (!existsSync('/sys/fs/cgroup/memory/memory.limit_in_bytes')) w.push('WARNING: No memory limit support');
    if (!existsSync('/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes')) w.push('WARNING: No swap limit support');
  }
  if (flag('/proc/sys/net/ipv4/ip_forward') === false) w.push('WARNING: IPv4 forwarding is disabled');
  if (flag('/proc/sys/net/bridge/bridge-nf-call-iptables') === false) w.push('WARNING: bridge-nf-call-iptables is disabled');
  if (flag('/proc/sys/net/bridge/bridge-nf-call-ip6tables') === false) w.push('WARNING: bridge-nf-call-ip6tables is disabled');
  return w;
}

test('counts, drivers, cgroups, runtimes, security options, kernel and warnings', async () => {
  ok(['run', '-d', '--name', 'i-run', 'busybox', 'sleep', '300']);
  ok(['run', '-d', '--name', 'i-pause', 'busybox', 'sleep', '300']);
  ok(['pause', 'i-pause']);
  ok(['create', '--name', 'i-created', 'busybox', 'true']);
  ok(['run', '--name', 'i-exited', 'busybox', 'true']);

  const api = (await d.api('GET', '/v1.47/info')).json;
  assert.equal(api.Containers, 4);
  assert.equal(api.ContainersRunning, 1);
  assert.equal(api.ContainersPaused, 1);
  assert.equal(api.ContainersStopped, 2);
  assert.equal(api.Images, (await d.api('GET', '/images/json')).json.length);
  assert.equal(api.Driver, 'overlay2');
  const fsType = spawnSync('stat', ['-f', '-c', '%T', d.dataRoot], { encoding: 'utf8' }).stdout.trim();
  const backing = Object.fromEntries(api.DriverStatus)['Backing Filesystem'];
  assert.equal(backing, /^ext/.test(fsType) ? 'extfs' : fsType);
  assert.equal(api.CgroupDriver, 'cgroupfs');
  const v2 = existsSync('/sys/fs/cgroup/cgroup.controllers');
  assert.equal(api.CgroupVersion, v2 ? '2' : '1');
  assert.equal(api.KernelVersion, os.release());
  assert.deepEqual(Object.keys(api.Runtimes), ['runc']);
  assert.equal(api.DefaultRuntime, 'runc');
  const runcCommit = /^commit:\s*(\S+)/m.exec(spawnSync('runc', ['--version'], { encoding: 'utf8' }).stdout)?.[1];
  assert.equal(api.RuncCommit.ID, runcCommit);
  assert.deepEqual(api.SecurityOptions, ['name=seccomp,profile=builtin', ...(v2 ? ['name=cgroupns'] : [])]);
  assert.equal(api.SwapLimit, v2 || existsSync('/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes'));
  assert.equal(api.IPv4Forwarding, readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim() === '1');
  assert.deepEqual(api.Warnings, expectedWarnings());
  assert.ok(api.NFd > 0);

  const b = d.berth(['info']);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /^ Containers: 4\n  Running: 1\n  Paused: 1\n  Stopped: 2\n/m);
  assert.match(b.stdout, /^ Storage Driver: overlay2\n  Backing Filesystem: \S+\n/m);
  assert.match(b.stdout, /^ Cgroup Driver: cgroupfs\n Cgroup Version: [12]\n/m);
  assert.match(b.stdout, /^ Runtimes: runc\n Default Runtime: runc\n/m);
  assert.match(b.stdout, new RegExp(`^ runc version: ${runcCommit!.replace(/[.+]/g, '\\$&')}$`, 'm'));
  assert.match(b.stdout, /^ Security Options:\n  seccomp\n   Profile: builtin\n/m);
  assert.match(b.stdout, new RegExp(`^ Kernel Version: ${os.release().replace(/[.+]/g, '\\$&')}$`, 'm'));
  assert.equal(b.stderr, expectedWarnings().map((w) => `${w}\n`).join(''));

  const dk = d.docker(['info']);
  assert.equal(dk.code, 0, dk.stderr);
  assert.match(dk.stdout, /^ Containers: 4\n  Running: 1\n  Paused: 1\n  Stopped: 2\n/m);
  assert.match(dk.stdout, /^ Storage Driver: overlay2$/m);
  assert.match(dk.stdout, /^ Cgroup Driver: cgroupfs$/m);
  assert.match(dk.stdout, /^  seccomp\n   Profile: builtin$/m);
  for (const w of expectedWarnings()) assert.ok(dk.stderr.includes(w), dk.stderr);
  assert.equal(d.docker(['info', '--format', '{{.ContainersPaused}} {{.Driver}} {{.CgroupDriver}}']).stdout, '1 overlay2 cgroupfs\n');
  ok(['rm', '-f', 'i-run', 'i-pause', 'i-created', 'i-exited']);
});

test('NEventsListener counts clients following /events', async () => {
  const before_ = (await d.api('GET', '/info')).json.NEventsListener;
  const p = spawn(join(ROOT, 'bin', 'berth'), ['events'], { env: { ...process.env, BERTH_HOST: d.host } });
  try {
    let n = before_;
    for (let i = 0; i < 100 && n === before_; i++) {
      await new Promise((r) => setTimeout(r, 100));
      n = (await d.api('GET', '/info')).json.NEventsListener;
    }
    assert.equal(n, before_ + 1);
  } finally {
    p.kill('SIGTERM');
  }
  let after_ = -1;
  for (let i = 0; i < 100 && after_ !== before_; i++) {
    await new Promise((r) => setTimeout(r, 100));
    after_ = (await d.api('GET', '/info')).json.NEventsListener;
  }
  assert.equal(after_, before_);
});

test('a seccomp profile of its own shows as its path', async () => {
  const profile = join(d.dataRoot, 'seccomp-own.json');
  writeFileSync(profile, readFileSync('/usr/share/containers/seccomp.json'));
  const d2 = await startTestDaemon({ extraArgs: ['--seccomp-profile', profile] });
  try {
    const info = (await d2.api('GET', '/info')).json;
    assert.equal(info.SecurityOptions[0], `name=seccomp,profile=${profile}`);
    assert.match(d2.berth(['info']).stdout, new RegExp(`^   Profile: ${profile.replace(/[.]/g, '\\.')}$`, 'm'));
  } finally {
    await d2.stop();
  }
});
