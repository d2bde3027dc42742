// The berth CLI against the docker CLI, both asking the same berthd for `ps`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { timeMs } from '../stats';
import type { BenchCase } from './types';

const BERTH = join(__dirname, '..', '..', '..', 'bin', 'berth');

export const cli: BenchCase = {
  id: 'cli-ps',
  async run(e, quick) {
    const env = { ...process.env, BERTH_HOST: e.berth.host, DOCKER_HOST: e.berth.host };
    const run = (bin: string) => timeMs(() => spawnSync(bin, ['ps'], { env }));
    const out = { berth: [] as number[], docker: [] as number[] };
    await run(BERTH);
    for (let i = 0; i < (quick ? 5 : 20); i++) {
      out.berth.push(await run(BERTH));
      out.docker.push(await run('/usr/local/bin/docker'));
    }
    return [{ id: 'cli-ps', what: '`berth ps` vs `docker ps`, same berthd', unit: 'ms', target: { op: '<=', ratio: 2.0 }, ...out }];
  },
};
