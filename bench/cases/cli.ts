// The berth CLI against the docker CLI, both talking to the same berthd: what
// is measured is the client (its start-up, its requests, its printing).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { timeMs } from '../stats';
import type { BenchCase, Row } from './types';

const BERTH = join(__dirname, '..', '..', '..', 'bin', 'berth');
const DOCKER = '/usr/local/bin/docker';

export const cli: BenchCase = {
  id: 'cli-ps',
  async run(e, quick) {
    const env = { ...process.env, BERTH_HOST: e.berth.host, DOCKER_HOST: e.berth.host };
    const pair = async (args: string[], n: number, check = false) => {
      const out = { berth: [] as number[], docker: [] as number[] };
      const one = (bin: string) =>
        timeMs(() => {
          const r = spawnSync(bin, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
          if (check && r.status !== 0) throw new Error(`${bin} ${args.join(' ')}: ${r.stderr}`);
        });
      await one(BERTH);
      for (let i = 0; i < n; i++) {
        // alternate who goes first, so drift hits both alike
        for (const bin of i % 2 ? [DOCKER, BERTH] : [BERTH, DOCKER]) out[bin === BERTH ? 'berth' : 'docker'].push(await one(bin));
      }
      return out;
    };
    const rows: Row[] = [];
    rows.push({ id: 'cli-ps', what: '`berth ps` vs `docker ps`, same berthd', unit: 'ms', target: { op: '<=', ratio: 2.0 }, ...(await pair(['ps'], quick ? 5 : 20)) });
    rows.push({
      id: 'cli-run',
      what: '`berth run --rm` vs `docker run --rm` (busybox true, `--network none`), same berthd',
      unit: 'ms',
      target: { op: '<=', ratio: 1.3 },
      ...(await pair(['run', '--rm', '--network', 'none', 'busybox', 'true'], quick ? 5 : 20, true)),
    });
    const mb = quick ? 100 : 1024;
    const name = 'cli-chatty';
    e.berth.cli(['run', '-d', '--network', 'none', '--name', name, 'busybox', 'sh', '-c', `yes 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456 | head -c ${mb * 1024 * 1024}`]);
    try {
      e.berth.cli(['wait', name]);
      rows.push({
        id: 'cli-logs-tail',
        what: `\`berth logs --tail 100\` vs \`docker logs --tail 100\` of ${mb >= 1024 ? `${mb / 1024} GB` : `${mb} MB`}, same berthd`,
        unit: 'ms',
        target: { op: '<=', ratio: 1.0 },
        ...(await pair(['logs', '--tail', '100', name], quick ? 5 : 20, true)),
      });
    } finally {
      e.berth.cli(['rm', '-f', name], { allowFail: true });
    }
    return rows;
  },
};
