import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSpec, type SpecInput } from './spec';
import { effectiveCapabilities } from './capabilities';
import { capsFromMask, DEFAULT_CAPABILITIES } from './defaults';
import { toOciSeccomp } from './seccomp';

const HOST = capsFromMask('000001fffeffffff'); // this VM: no CAP_SYS_RESOURCE

function input(over: Partial<SpecInput> = {}): SpecInput {
  return {
    rootfs: '/r', readonlyRootfs: false, args: ['sh'], env: ['PATH=/bin'], cwd: '/', uid: 0, gid: 0, additionalGids: [],
    terminal: false, hostname: 'abc', etcFiles: { hostname: '/d/hostname', hosts: '/d/hosts', resolvConf: '/d/resolv.conf' },
    tmpfs: {}, extraMounts: [], capabilities: DEFAULT_CAPABILITIES, privileged: false, noNewPrivileges: false,
    cgroupsPath: '/berth/x', resources: {}, ulimits: [], sysctls: {}, ...over,
  };
}

test('default capabilities give CapEff 00000000a80425fb', () => {
  const caps = effectiveCapabilities({ hostBounding: HOST });
  const names = ['CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL', 'CAP_SETFCAP'];
  let mask = 0n;
  for (const c of caps) mask |= 1n << BigInt(names.indexOf(c));
  assert.equal(mask.toString(16).padStart(16, '0'), '00000000a80425fb');
});

test('cap-add/drop with ALL and short names; privileged gets the host bounding set', () => {
  assert.deepEqual(effectiveCapabilities({ drop: ['ALL'], add: ['net_admin'], hostBounding: HOST }), ['CAP_NET_ADMIN']);
  assert.ok(!effectiveCapabilities({ drop: ['CHOWN'], hostBounding: HOST }).includes('CAP_CHOWN'));
  const priv = effectiveCapabilities({ privileged: true, hostBounding: HOST });
  assert.ok(!priv.includes('CAP_SYS_RESOURCE'));
  assert.ok(priv.includes('CAP_SYS_ADMIN'));
  assert.throws(() => effectiveCapabilities({ add: ['BOGUS'], hostBounding: HOST }), /unknown capability/);
});

test('spec has namespaces, masked paths, /dev/shm size, etc binds and no rlimits unless asked', () => {
  const s = buildSpec(input({ shmSize: 1 << 20 })) as any;
  assert.deepEqual(s.linux.namespaces.map((n: any) => n.type), ['pid', 'ipc', 'uts', 'mount', 'network']);
  assert.ok(s.linux.maskedPaths.includes('/proc/kcore'));
  assert.ok(s.linux.readonlyPaths.includes('/proc/sys'));
  const shm = s.mounts.find((m: any) => m.destination === '/dev/shm');
  assert.ok(shm.options.includes('size=1048576'));
  assert.equal(s.mounts.find((m: any) => m.destination === '/etc/hosts').source, '/d/hosts');
  assert.equal(s.process.rlimits, undefined);
  const withUlimit = buildSpec(input({ ulimits: [{ Name: 'nofile', Soft: 10, Hard: 20 }] })) as any;
  assert.deepEqual(withUlimit.process.rlimits, [{ type: 'RLIMIT_NOFILE', soft: 10, hard: 20 }]);
});

test('host network joins no netns; a path joins it', () => {
  const h = buildSpec(input({ netnsPath: 'host' })) as any;
  assert.ok(!h.linux.namespaces.some((n: any) => n.type === 'network'));
  const c = buildSpec(input({ netnsPath: '/proc/1/ns/net' })) as any;
  assert.deepEqual(c.linux.namespaces.find((n: any) => n.type === 'network'), { type: 'network', path: '/proc/1/ns/net' });
});

test('resources map to OCI and privileged unmasks', () => {
  const s = buildSpec(input({ resources: { memory: 64 << 20, cpuQuota: 50000, cpuPeriod: 100000, pidsLimit: 10, cpusetCpus: '0' } })) as any;
  assert.equal(s.linux.resources.memory.limit, 64 << 20);
  assert.deepEqual(s.linux.resources.cpu, { quota: 50000, period: 100000, cpus: '0' });
  assert.deepEqual(s.linux.resources.pids, { limit: 10 });
  const p = buildSpec(input({ privileged: true })) as any;
  assert.equal(p.linux.maskedPaths, undefined);
});

test('tmpfs options default to nosuid,nodev,noexec and user options win', () => {
  const s = buildSpec(input({ tmpfs: { '/run': 'exec,size=1m' } })) as any;
  const m = s.mounts.find((x: any) => x.destination === '/run');
  assert.deepEqual(m.options, ['nosuid', 'nodev', 'exec', 'size=1m']);
});

test('seccomp: rules filtered by capability and arch', () => {
  const profile = {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: 1,
    archMap: [{ architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86'] }],
    syscalls: [
      { names: ['read'], action: 'SCMP_ACT_ALLOW' },
      { names: ['mount'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] } },
      { names: ['arch_prctl'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['amd64'] } },
      { names: ['s390_only'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['s390x'] } },
      { names: ['ptrace'], action: 'SCMP_ACT_ERRNO', excludes: { caps: ['CAP_SYS_PTRACE'] } },
    ],
  };
  const oci = toOciSeccomp(profile, DEFAULT_CAPABILITIES, { arch: 'amd64', kernel: '6.1.0' }) as any;
  const names = oci.syscalls.flatMap((s: any) => s.names);
  assert.deepEqual(names, ['read', 'arch_prctl', 'ptrace']);
  assert.deepEqual(oci.architectures, ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86']);
  const admin = toOciSeccomp(profile, [...DEFAULT_CAPABILITIES, 'CAP_SYS_ADMIN', 'CAP_SYS_PTRACE'], { arch: 'amd64', kernel: '6.1.0' }) as any;
  assert.deepEqual(admin.syscalls.flatMap((s: any) => s.names), ['read', 'mount', 'arch_prctl']);
});

test('devices: nodes in linux.devices, allowed after the deny-all rule; privileged allows all', () => {
  const dev = { path: '/dev/mynull', type: 'c' as const, major: 1, minor: 3, fileMode: 0o666, uid: 0, gid: 0 };
  const s = buildSpec(input({ devices: [dev], deviceRules: [{ allow: true, type: 'c', major: 1, minor: 3, access: 'rw' }] })) as any;
  assert.deepEqual(s.linux.devices, [dev]);
  assert.deepEqual(s.linux.resources.devices, [{ allow: false, access: 'rwm' }, { allow: true, type: 'c', major: 1, minor: 3, access: 'rw' }]);
  // In a user namespace (--userns-remap) the host's node is bound instead (no mknod there).
  const u = buildSpec(input({ devices: [{ ...dev, hostPath: '/dev/null' }], userns: { uidMappings: [], gidMappings: [] } })) as any;
  assert.equal(u.linux.devices, undefined);
  assert.deepEqual(u.mounts.at(-1), { destination: '/dev/mynull', type: 'bind', source: '/dev/null', options: ['bind', 'rprivate'] });
  assert.deepEqual((buildSpec(input({ devices: [{ ...dev, hostPath: '/dev/null' }] })) as any).linux.devices, [dev]);
  const p = buildSpec(input({ privileged: true, devices: [dev] })) as any;
  assert.deepEqual(p.linux.resources.devices, [{ allow: true, access: 'rwm' }]);
  assert.ok(p.mounts.find((m: any) => m.destination === '/sys/fs/cgroup').options.includes('rw'));
  assert.ok(p.mounts.find((m: any) => m.destination === '/sys').options.includes('rw'));
  assert.equal(p.linux.seccomp, undefined);
});

test('userns-remap: a user namespace with the mappings, joined by path when given', () => {
  const uidMappings = [{ containerID: 0, hostID: 100000, size: 65536 }];
  const gidMappings = [{ containerID: 0, hostID: 200000, size: 65536 }];
  const made = buildSpec(input({ userns: { uidMappings, gidMappings } })) as any;
  assert.deepEqual(made.linux.namespaces.find((n: any) => n.type === 'user'), { type: 'user' });
  assert.deepEqual(made.linux.uidMappings, uidMappings);
  assert.deepEqual(made.linux.gidMappings, gidMappings);
  const joined = buildSpec(input({ netnsPath: '/run/b/netns/x', userns: { uidMappings, gidMappings, path: '/run/b/userns/x' } })) as any;
  assert.deepEqual(
    joined.linux.namespaces.filter((n: any) => n.path),
    [
      { type: 'user', path: '/run/b/userns/x' },
      { type: 'network', path: '/run/b/netns/x' },
    ],
  );
  assert.deepEqual(joined.linux.uidMappings, uidMappings);
  const none = buildSpec(input()) as any;
  assert.equal(none.linux.namespaces.some((n: any) => n.type === 'user'), false);
  assert.equal(none.linux.uidMappings, undefined);
});
