// `stats --no-stream` over 20 running containers.
import { timeMs } from '../stats';
import { alternate, type BenchCase } from './types';

export const stats: BenchCase = {
  id: 'stats',
  async run(e, quick) {
    const names = Array.from({ length: 20 }, (_, i) => `stat-${i}`);
    for (const engine of [e.berth, e.docker]) {
      await Promise.all(names.map((n) => engine.cliAsync(['run', '-d', '--network', 'none', '--name', n, 'busybox', 'sleep', '1000'])));
    }
    try {
      const s = await alternate(quick ? 3 : 10, e, (engine) => timeMs(() => engine.cli(['stats', '--no-stream'])));
      return [{ id: 'stats-20', what: '`stats --no-stream` on 20 containers', unit: 'ms', target: { op: '<=', ratio: 0.23 }, ...s }];
    } finally {
      for (const engine of [e.berth, e.docker]) engine.cli(['rm', '-f', ...names]);
    }
  },
};
