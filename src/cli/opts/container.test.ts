// Flags -> POST /containers/create body, through the real `run` flag
// definitions (commander + docker's flag parsers) and buildCreatePlan.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BerthCommand } from '../command';
import { addContainerFlags, toContainerFlags } from '../container-flags';
import type { Cli } from '../context';
import { UsageError, FlagError } from '../errors';
import { buildCreatePlan, type BuildEnv, type CreatePlan } from './container';

const files: Record<string, string> = {
  '/env.list': '# comment\nFOO=bar\n\n  HOME\nUNSET_VAR\nQ="quoted"\nSP=  x y  \n',
  '/labels.list': 'com.example.a=1\nlonely\n',
};
const env: BuildEnv = {
  readFile: (p) => {
    if (!(p in files)) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    return files[p];
  },
  lookupEnv: (k) => ({ HOME: '/root', USER: 'me' })[k],
  abs: (p) => `/cwd/${p.replace(/^\.\//, '')}`,
};

/** Parse `berth run <argv>` with the real flag definitions; return [flags, args]. */
async function parseRun(argv: string[]): Promise<{ opts: Record<string, unknown>; args: string[] }> {
  const program = new BerthCommand('berth');
  program.enablePositionalOptions().exitOverride();
  const run = program.command('run') as unknown as BerthCommand;
  run.exitOverride();
  run.passThroughOptions();
  addContainerFlags(run, true);
  let captured: { opts: Record<string, unknown>; args: string[] } | undefined;
  run.handle((_cli, args, opts) => {
    captured = { opts, args };
  });
  program.makeCli = () => ({}) as Cli;
  const saved = process.env.USER;
  process.env.USER = 'me';
  try {
    await program.parseAsync(['run', ...argv], { from: 'user' });
  } finally {
    process.env.USER = saved;
  }
  return captured!;
}

async function plan(argv: string[]): Promise<CreatePlan> {
  const { opts, args } = await parseRun(argv);
  return buildCreatePlan(toContainerFlags(opts), args, env);
}

test('everything after IMAGE is the command', async () => {
  const p = await plan(['-d', 'busybox', 'ls', '-la', '--rm']);
  assert.equal(p.body.Image, 'busybox');
  assert.deepEqual(p.body.Cmd, ['ls', '-la', '--rm']);
  assert.equal(p.body.HostConfig?.AutoRemove, undefined);
});

test('attach defaults: stdout+stderr; -i adds stdin with StdinOnce; -d none', async () => {
  let p = await plan(['busybox']);
  assert.deepEqual([p.body.AttachStdin, p.body.AttachStdout, p.body.AttachStderr, p.body.OpenStdin, p.body.StdinOnce], [false, true, true, false, false]);
  p = await plan(['-it', 'busybox', 'sh']);
  assert.deepEqual([p.body.AttachStdin, p.body.AttachStdout, p.body.AttachStderr, p.body.OpenStdin, p.body.StdinOnce, p.body.Tty], [true, true, true, true, true, true]);
  p = await plan(['-d', '-i', 'busybox']);
  assert.deepEqual([p.body.AttachStdin, p.body.AttachStdout, p.body.AttachStderr, p.body.OpenStdin, p.body.StdinOnce], [false, false, false, true, false]);
  p = await plan(['-a', 'STDOUT', 'busybox']);
  assert.deepEqual([p.body.AttachStdin, p.body.AttachStdout, p.body.AttachStderr], [false, true, false]);
});

test('env: KEY=V kept, KEY from our environment, unset KEY kept bare; env files first', async () => {
  const p = await plan(['-e', 'A=1', '-e', 'USER', '-e', 'NOPE', '--env', 'B=x=y', '--env-file', '/env.list', 'busybox']);
  assert.deepEqual(p.body.Env, ['FOO=bar', 'HOME=/root', 'Q="quoted"', 'SP=  x y  ', 'A=1', 'USER=me', 'NOPE', 'B=x=y']);
  await assert.rejects(parseRun(['-e', '=x', 'busybox']), (e: Error) => e instanceof FlagError && e.message === 'invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x');
  assert.throws(() => buildCreatePlan({ envFile: ['/missing'] }, ['busybox'], env), /^Error: open \/missing: no such file or directory$/);
});

test('labels: -l and --label-file into a map', async () => {
  const p = await plan(['-l', 'a=b', '--label', 'c', '--label-file', '/labels.list', 'busybox']);
  assert.deepEqual(p.body.Labels, { 'com.example.a': '1', a: 'b', c: '' });
  await assert.rejects(parseRun(['-l', '=x', 'busybox']), /invalid argument "=x" for "-l, --label" flag: invalid label '=x': empty name/);
});

test('memory, swap, shm-size: docker sizes; -1 swap; bad sizes rejected like docker', async () => {
  const p = await plan(['-m', '512m', '--memory-swap', '-1', '--shm-size', '64m', '--memory-reservation', '1.5g', 'busybox']);
  assert.equal(p.body.HostConfig?.Memory, 512 * 1024 * 1024);
  assert.equal(p.body.HostConfig?.MemorySwap, -1);
  assert.equal(p.body.HostConfig?.ShmSize, 64 * 1024 * 1024);
  assert.equal(p.body.HostConfig?.MemoryReservation, 1.5 * 1024 ** 3);
  await assert.rejects(parseRun(['-m', '5x', 'busybox']), (e: Error) => e.message === `invalid argument "5x" for "-m, --memory" flag: invalid suffix: 'x'`);
  await assert.rejects(parseRun(['--shm-size', '-1', 'busybox']), /invalid argument "-1" for "--shm-size" flag: invalid size: '-1'/);
});

test('cpus -> NanoCpus; shares and pids-limit are ints', async () => {
  let p = await plan(['--cpus', '1.5', '-c', '512', '--pids-limit', '-1', '--cpuset-cpus', '0-1', 'busybox']);
  assert.equal(p.body.HostConfig?.NanoCpus, 1_500_000_000);
  assert.equal(p.body.HostConfig?.CpuShares, 512);
  assert.equal(p.body.HostConfig?.PidsLimit, -1);
  assert.equal(p.body.HostConfig?.CpusetCpus, '0-1');
  p = await plan(['--cpus', '0.001', 'busybox']);
  assert.equal(p.body.HostConfig?.NanoCpus, 1_000_000);
  await assert.rejects(parseRun(['--cpus', 'abc', 'busybox']), /invalid argument "abc" for "--cpus" flag: failed to parse abc as a rational number/);
  await assert.rejects(parseRun(['--cpus', '0.0000000001', 'busybox']), /value is too precise/);
  await assert.rejects(parseRun(['-c', '1.5', 'busybox']), /invalid argument "1.5" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "1.5": invalid syntax/);
});

test('ulimits: soft[:hard], later ones replace earlier of the same name', async () => {
  const p = await plan(['--ulimit', 'nofile=1024:2048', '--ulimit', 'nproc=5', '--ulimit', 'nofile=10', 'busybox']);
  assert.deepEqual(p.body.HostConfig?.Ulimits, [
    { Name: 'nofile', Soft: 10, Hard: 10 },
    { Name: 'nproc', Soft: 5, Hard: 5 },
  ]);
  await assert.rejects(parseRun(['--ulimit', 'nofile', 'busybox']), /invalid ulimit argument: nofile/);
  await assert.rejects(parseRun(['--ulimit', 'bogus=1', 'busybox']), /invalid ulimit type: bogus/);
  await assert.rejects(parseRun(['--ulimit', 'nofile=a:b', 'busybox']), /strconv.ParseInt: parsing "b": invalid syntax/);
  await assert.rejects(parseRun(['--ulimit', 'nofile=5:1', 'busybox']), /soft limit must be less than or equal to hard limit: 5 > 1/);
});

test('tmpfs, read-only, init, privileged, caps, security-opt', async () => {
  const p = await plan([
    '--tmpfs', '/run:rw,size=64m', '--tmpfs', '/tmp', '--read-only', '--init', '--privileged',
    '--cap-add', 'net_admin', '--cap-add', 'CAP_SYS_TIME', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges',
    'busybox',
  ]);
  const hc = p.body.HostConfig!;
  assert.deepEqual(hc.Tmpfs, { '/run': 'rw,size=64m', '/tmp': '' });
  assert.equal(hc.ReadonlyRootfs, true);
  assert.equal(hc.Init, true);
  assert.equal(hc.Privileged, true);
  assert.deepEqual(hc.CapAdd, ['CAP_NET_ADMIN', 'CAP_SYS_TIME']);
  assert.deepEqual(hc.CapDrop, ['ALL']);
  assert.deepEqual(hc.SecurityOpt, ['no-new-privileges']);
  await assert.rejects(plan(['--security-opt', 'foo', 'busybox']), /Invalid --security-opt: "foo"/);
});

test('restart policy parsing', async () => {
  assert.deepEqual((await plan(['--restart', 'on-failure:3', 'busybox'])).body.HostConfig?.RestartPolicy, { Name: 'on-failure', MaximumRetryCount: 3 });
  assert.deepEqual((await plan(['--restart', 'always', 'busybox'])).body.HostConfig?.RestartPolicy, { Name: 'always', MaximumRetryCount: 0 });
  assert.equal((await plan(['busybox'])).body.HostConfig?.RestartPolicy, undefined);
  await assert.rejects(plan(['--restart', 'on-failure:x', 'busybox']), /invalid restart policy format: maximum retry count must be an integer/);
  await assert.rejects(plan(['--restart', ':3', 'busybox']), /no policy provided before colon/);
});

test('stop signal and stop timeout go to Config', async () => {
  const p = await plan(['--stop-signal', 'SIGINT', '--stop-timeout', '7', 'busybox']);
  assert.equal(p.body.StopSignal, 'SIGINT');
  assert.equal(p.body.StopTimeout, 7);
  assert.equal((await plan(['--stop-timeout', '0', 'busybox'])).body.StopTimeout, 0);
  await assert.rejects(parseRun(['--stop-timeout', 'x', 'busybox']), /invalid argument "x" for "--stop-timeout" flag/);
});

test('ports: -p into ExposedPorts and PortBindings, -P', async () => {
  const p = await plan(['-p', '8080:80', '-p', '127.0.0.1:5353:53/udp', '-p', '9000-9001:9000-9001', '-p', '443', '-p', '[::1]:81:80', '-P', 'busybox']);
  assert.deepEqual(Object.keys(p.body.ExposedPorts!), ['443/tcp', '53/udp', '80/tcp', '9000/tcp', '9001/tcp']);
  assert.deepEqual(p.body.HostConfig?.PortBindings, {
    '443/tcp': [{ HostIp: '', HostPort: '' }],
    '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }],
    '80/tcp': [
      { HostIp: '', HostPort: '8080' },
      { HostIp: '::1', HostPort: '81' },
    ],
    '9000/tcp': [{ HostIp: '', HostPort: '9000' }],
    '9001/tcp': [{ HostIp: '', HostPort: '9001' }],
  });
  assert.equal(p.body.HostConfig?.PublishAllPorts, true);
  await assert.rejects(plan(['-p', '99999:80', 'busybox']), /^Error: invalid hostPort: 99999$/);
  await assert.rejects(plan(['-p', 'abc', 'busybox']), /^Error: invalid containerPort: abc$/);
  await assert.rejects(plan(['-p', '80/xyz', 'busybox']), /invalid proto: xyz/);
  assert.deepEqual((await plan(['-p', 'published=8080,target=80,protocol=udp', 'busybox'])).body.HostConfig?.PortBindings, {
    '80/udp': [{ HostIp: '', HostPort: '8080' }],
  });
});

test('volumes and mounts', async () => {
  const p = await plan(['-v', '/data:/data:ro', '-v', 'named:/v', '-v', './rel:/r', '-v', '/anon', '--mount', 'type=bind,src=/tmp,dst=/m,readonly', '--mount', 'type=tmpfs,target=/t,tmpfs-size=1k', 'busybox']);
  assert.deepEqual(p.body.HostConfig?.Binds, ['/data:/data:ro', 'named:/v', '/cwd/rel:/r']);
  assert.deepEqual(p.body.Volumes, { '/anon': {} });
  assert.deepEqual(p.body.HostConfig?.Mounts, [
    { Type: 'bind', Source: '/tmp', Target: '/m', ReadOnly: true },
    { Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 1024 } },
  ]);
  await assert.rejects(parseRun(['--mount', 'type=bind,src=/x', 'busybox']), /invalid argument "type=bind,src=\/x" for "--mount" flag: target is required/);
});

test('network, dns, hosts, identity, logging', async () => {
  const p = await plan([
    '--net', 'mynet', '--network-alias', 'web', '--dns', '1.1.1.1', '--add-host', 'h:1.2.3.4', '--add-host', 'g=host-gateway',
    '--name', 'web', '-h', 'box', '-u', '1000:1000', '-w', '/srv', '--entrypoint', '', '--log-driver', 'json-file', '--log-opt', 'max-size=1m',
    '--platform', 'linux/amd64', 'busybox',
  ]);
  assert.equal(p.name, 'web');
  assert.equal(p.platform, 'linux/amd64');
  assert.equal(p.body.HostConfig?.NetworkMode, 'mynet');
  assert.deepEqual(p.body.NetworkingConfig, { EndpointsConfig: { mynet: { Aliases: ['web'] } } });
  assert.deepEqual(p.body.HostConfig?.Dns, ['1.1.1.1']);
  assert.deepEqual(p.body.HostConfig?.ExtraHosts, ['h:1.2.3.4', 'g:host-gateway']);
  assert.equal(p.body.Hostname, 'box');
  assert.equal(p.body.User, '1000:1000');
  assert.equal(p.body.WorkingDir, '/srv');
  assert.deepEqual(p.body.Entrypoint, ['']);
  assert.deepEqual(p.body.HostConfig?.LogConfig, { Type: 'json-file', Config: { 'max-size': '1m' } });
  // no --network: the daemon decides
  assert.equal((await plan(['busybox'])).body.HostConfig, undefined);
  await assert.rejects(parseRun(['--dns', 'nope', 'busybox']), /invalid argument "nope" for "--dns" flag: IP address is not correctly formatted: nope/);
  await assert.rejects(parseRun(['--add-host', 'bad', 'busybox']), /bad format for add-host: "bad"/);
});

test('--pull is validated; --sig-proxy=false is understood', async () => {
  await assert.rejects(plan(['--pull', 'sometimes', 'busybox']), /invalid pull option: 'sometimes': must be one of "always", "missing" or "never"/);
  assert.equal((await plan(['--pull', 'never', 'busybox'])).pull, 'never');
  assert.equal((await parseRun(['busybox'])).opts.sigProxy, true);
  assert.equal((await parseRun(['--sig-proxy=false', 'busybox'])).opts.sigProxy, false);
  await assert.rejects(parseRun(['--rm=maybe', 'busybox']), (e: Error) => e instanceof UsageError && /invalid argument "maybe" for "--rm" flag/.test(e.message));
});

test('healthcheck flags', async () => {
  const p = await plan(['--health-cmd', 'true', '--health-interval', '1m30s', '--health-retries', '3', 'busybox']);
  assert.deepEqual(p.body.Healthcheck, { Test: ['CMD-SHELL', 'true'], Interval: 90e9, Retries: 3 });
  assert.deepEqual((await plan(['--no-healthcheck', 'busybox'])).body.Healthcheck, { Test: ['NONE'] });
  await assert.rejects(plan(['--no-healthcheck', '--health-cmd', 'x', 'busybox']), /--no-healthcheck conflicts with --health-\* options/);
});

test('--sysctl: only namespaced sysctls, with the docker CLI message', async () => {
  const p = await plan(['--sysctl', 'net.ipv4.ip_forward=1', '--sysctl', 'kernel.shmmax=1', 'busybox']);
  assert.deepEqual(p.body.HostConfig?.Sysctls, { 'net.ipv4.ip_forward': '1', 'kernel.shmmax': '1' });
  await assert.rejects(parseRun(['--sysctl', 'kernel.panic=1', 'busybox']), /invalid argument "kernel.panic=1" for "--sysctl" flag: sysctl 'kernel.panic=1' is not allowed/);
  await assert.rejects(parseRun(['--sysctl', 'net.x', 'busybox']), /sysctl 'net.x' is not allowed/);
});

test('--userns: only host, with the docker CLI message', async () => {
  assert.equal((await plan(['--userns=host', 'busybox'])).body.HostConfig?.UsernsMode, 'host');
  await assert.rejects(plan(['--userns=private', 'busybox']), /^Error: --userns: invalid USER mode$/);
});
