import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cgroupReader, flatKeyed } from './cgroups';
import { memTotal, netDev, systemCpuNanos } from './cgroup-parse';

test('flat keyed files', () => {
  const m = flatKeyed('oom_kill_disable 0\nunder_oom 0\noom_kill 2\n');
  assert.equal(m.get('oom_kill'), 2);
  assert.equal(m.get('under_oom'), 0);
});

test('oom kills from v1 memory.oom_control and v2 memory.events', () => {
  const root = mkdtempSync(join(tmpdir(), 'cg-'));
  try {
    mkdirSync(join(root, 'memory', 'berth', 'c1'), { recursive: true });
    writeFileSync(join(root, 'memory', 'berth', 'c1', 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 1\n');
    assert.equal(cgroupReader(1, root).oomKills('/berth/c1'), 1);
    assert.equal(cgroupReader(1, root).oomKills('/berth/none'), null);
    mkdirSync(join(root, 'berth', 'c2'), { recursive: true });
    writeFileSync(join(root, 'berth', 'c2', 'memory.events'), 'low 0\nhigh 0\nmax 3\noom 1\noom_kill 0\n');
    assert.equal(cgroupReader(2, root).oomKills('/berth/c2'), 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cg-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

test('v1 sample: memory, cpuacct, cpu throttling, blkio, pids', async () => {
  const c = 'berth/c1';
  const root = fixture({
    [`memory/${c}/memory.usage_in_bytes`]: '10485760\n',
    [`memory/${c}/memory.max_usage_in_bytes`]: '20971520\n',
    [`memory/${c}/memory.failcnt`]: '0\n',
    [`memory/${c}/memory.limit_in_bytes`]: '9223372036854771712\n',
    [`memory/${c}/memory.stat`]: 'cache 4096\nrss 8192\ninactive_file 4096\ntotal_inactive_file 4096\ntotal_rss 8192\n',
    [`cpuacct/${c}/cpuacct.usage`]: '123456789\n',
    [`cpuacct/${c}/cpuacct.usage_percpu`]: '100000000 23456789 \n',
    [`cpuacct/${c}/cpuacct.stat`]: 'user 7\nsystem 3\n',
    [`cpu/${c}/cpu.stat`]: 'nr_periods 5\nnr_throttled 2\nthrottled_time 999\n',
    [`blkio/${c}/blkio.throttle.io_service_bytes_recursive`]: '8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\n8:0 Async 12288\n8:0 Total 12288\nTotal 12288\n',
    [`blkio/${c}/blkio.throttle.io_serviced_recursive`]: '8:0 Read 1\n8:0 Write 2\nTotal 3\n',
    [`pids/${c}/pids.current`]: '3\n',
    [`pids/${c}/pids.max`]: 'max\n',
  });
  try {
    const s = await cgroupReader(1, root).sample(`/${c}`);
    assert.ok(s);
    assert.deepEqual(s.cpu, { total: 123456789, percpu: [100000000, 23456789], user: 70_000_000, kernel: 30_000_000, throttling: { periods: 5, throttled_periods: 2, throttled_time: 999 } });
    assert.equal(s.memory.usage, 10485760);
    assert.equal(s.memory.maxUsage, 20971520);
    assert.equal(s.memory.limit, null);
    assert.equal(s.memory.stats.total_inactive_file, 4096);
    assert.deepEqual(s.blkio.slice(0, 2), [
      { major: 8, minor: 0, op: 'Read', value: 4096 },
      { major: 8, minor: 0, op: 'Write', value: 8192 },
    ]);
    assert.equal(s.blkio.length, 5);
    assert.deepEqual(s.pids, { current: 3, limit: null });
    assert.equal(await cgroupReader(1, root).sample('/berth/gone'), null);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('v2 sample: memory.current/max/stat, cpu.stat in usec, io.stat, pids', async () => {
  const c = 'berth/c2';
  const root = fixture({
    [`${c}/memory.current`]: '5242880\n',
    [`${c}/memory.max`]: '67108864\n',
    [`${c}/memory.stat`]: 'anon 1048576\nfile 4194304\ninactive_file 2097152\nactive_file 0\n',
    [`${c}/cpu.stat`]: 'usage_usec 2500\nuser_usec 2000\nsystem_usec 500\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n',
    [`${c}/io.stat`]: '8:0 rbytes=1024 wbytes=2048 rios=1 wios=2 dbytes=0 dios=0\n253:1 rbytes=10 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n',
    [`${c}/pids.current`]: '2\n',
    [`${c}/pids.max`]: '100\n',
  });
  try {
    const s = await cgroupReader(2, root).sample(`/${c}`);
    assert.ok(s);
    assert.deepEqual(s.cpu, { total: 2_500_000, user: 2_000_000, kernel: 500_000, throttling: { periods: 0, throttled_periods: 0, throttled_time: 0 } });
    assert.deepEqual(s.memory, { usage: 5242880, limit: 67108864, stats: { anon: 1048576, file: 4194304, inactive_file: 2097152, active_file: 0 } });
    assert.deepEqual(s.blkio, [
      { major: 8, minor: 0, op: 'read', value: 1024 },
      { major: 8, minor: 0, op: 'write', value: 2048 },
      { major: 253, minor: 1, op: 'read', value: 10 },
      { major: 253, minor: 1, op: 'write', value: 0 },
    ]);
    assert.deepEqual(s.pids, { current: 2, limit: 100 });
    writeFileSync(join(root, c, 'memory.max'), 'max\n');
    assert.equal((await cgroupReader(2, root).sample(`/${c}`))!.memory.limit, null);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('/proc parsers: net/dev without lo, system CPU from /proc/stat, MemTotal', () => {
  const dev = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0
  eth0:    1500      10    1    2    0     0          0         0      700       5    3    4    0     0       0          0
`;
  assert.deepEqual(netDev(dev), {
    eth0: { rx_bytes: 1500, rx_packets: 10, rx_errors: 1, rx_dropped: 2, tx_bytes: 700, tx_packets: 5, tx_errors: 3, tx_dropped: 4 },
  });
  assert.equal(systemCpuNanos('cpu  10 1 5 100 2 0 1 7 0 0\ncpu0 1 2 3\n'), 1_190_000_000);
  assert.equal(memTotal('MemTotal:        4030712 kB\nMemFree: 1 kB\n'), 4030712 * 1024);
});
