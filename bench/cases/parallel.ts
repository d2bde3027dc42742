// 50 containers started at once (`run -d`, 50 CLI processes in parallel),
// then stopped and removed: the wall time of the whole round.
import { timeMs } from '../stats';
import { alternate, type BenchCase } from './types';

export const parallel: BenchCase = {
  id: 'parallel-50',
  async run(e, quick) {
    const n = 50;
    const s = await alternate(quick ? 1 : 3, e, (engine) =>
      timeMs(async () => {
        const names = Array.from({ length: n }, (_, i) => `par-${i}`);
        const codes = await Promise.all(names.map((name) => engine.cliAsync(['run', '-d', '--network', 'none', '--name', name, 'busybox', 'sleep', '1000'])));
        if (codes.some((c) => c !== 0)) throw new Error(`${engine.name}: a parallel run failed`);
        engine.cli(['stop', '-t', '1', ...names]);
        engine.cli(['rm', ...names]);
      }),
    );
    return [{ id: 'parallel-50', what: '50 containers `run -d` in parallel, then stopped and removed', unit: 'ms', target: { op: '<=', ratio: 0.5 }, ...s }];
  },
};
