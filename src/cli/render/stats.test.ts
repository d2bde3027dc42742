import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerStatsResponse } from '../../api/types';
import { renderList } from '../format/list';
import { cpuPercent, emptyEntry, entryFromStats, memUsageNoCache, STATS_DEFAULT_TABLE, STATS_HEADERS, StatsContext } from './stats';

const frame = (over: Partial<ContainerStatsResponse> = {}): ContainerStatsResponse => ({
  read: '2026-11-24T21:00:01Z',
  preread: '2026-11-24T21:00:00Z',
  name: '/web',
  id: 'a'.repeat(64),
  cpu_stats: { cpu_usage: { total_usage: 600_000_000, percpu_usage: [1, 2] }, system_cpu_usage: 4_000_000_000, online_cpus: 2 },
  precpu_stats: { cpu_usage: { total_usage: 400_000_000 }, system_cpu_usage: 2_000_000_000 },
  memory_stats: { usage: 10 * 1048576, limit: 100 * 1048576, stats: { total_inactive_file: 2 * 1048576, inactive_file: 1048576 } },
  blkio_stats: {
    io_service_bytes_recursive: [
      { major: 8, minor: 0, op: 'Read', value: 4096 },
      { major: 8, minor: 0, op: 'Write', value: 1_000_000 },
      { major: 8, minor: 0, op: 'Total', value: 1_004_096 },
      { major: 8, minor: 16, op: 'read', value: 4096 },
    ],
  },
  pids_stats: { current: 4 },
  networks: { eth0: { rx_bytes: 1500, tx_bytes: 700 }, eth1: { rx_bytes: 500, tx_bytes: 300 } },
  ...over,
});

test("docker's CPU % formula: container delta over system delta, times online CPUs", () => {
  assert.equal(cpuPercent(frame()), 20);
  assert.equal(cpuPercent(frame({ cpu_stats: { cpu_usage: { total_usage: 600_000_000, percpu_usage: [1, 2, 3, 4] }, system_cpu_usage: 4_000_000_000 } })), 40);
  assert.equal(cpuPercent(frame({ precpu_stats: { cpu_usage: { total_usage: 0 } }, cpu_stats: { cpu_usage: { total_usage: 5 } } })), 0);
});

test('memory usage less inactive file pages: v1 total_inactive_file, else v2 inactive_file', () => {
  assert.equal(memUsageNoCache({ usage: 100, stats: { total_inactive_file: 30, inactive_file: 10 } }), 70);
  assert.equal(memUsageNoCache({ usage: 100, stats: { inactive_file: 10 } }), 90);
  assert.equal(memUsageNoCache({ usage: 100, stats: { inactive_file: 200 } }), 100);
  assert.equal(memUsageNoCache({}), 0);
});

test('a table row as docker prints it', () => {
  const e = entryFromStats('web', frame());
  const out = renderList(undefined, [new StatsContext(e, true)], { defaultTable: STATS_DEFAULT_TABLE, headers: STATS_HEADERS });
  assert.equal(
    out,
    'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O     BLOCK I/O      PIDS\n' +
      'aaaaaaaaaaaa   web       20.00%    8MiB / 100MiB       8.00%     2kB / 1kB   8.19kB / 1MB   4\n',
  );
  const bad = new StatsContext({ ...emptyEntry('x'), invalid: true }, true);
  assert.equal(renderList('{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.MemPerc}} {{.NetIO}} {{.BlockIO}} {{.PIDs}}', [bad], { defaultTable: STATS_DEFAULT_TABLE, headers: STATS_HEADERS }), '-- -- -- / -- -- -- -- --\n');
});
