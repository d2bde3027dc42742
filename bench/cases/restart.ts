// Restart of the engine with running containers, until `ps` answers
// (dockerd runs with --live-restore so its containers survive too).
import { timeMs } from '../stats';
import type { Engine } from '../engines';
import { alternate, type BenchCase } from './types';

export const restart: BenchCase = {
  id: 'restart',
  async run(e, quick) {
    const n = quick ? 20 : 100;
    const names = Array.from({ length: n }, (_, i) => `live-${i}`);
    for (const engine of [e.berth, e.docker] as Engine[]) {
      for (let i = 0; i < n; i += 10) {
        await Promise.all(names.slice(i, i + 10).map((name) => engine.cliAsync(['run', '-d', '--network', 'none', '--name', name, 'busybox', 'sleep', '1000'])));
      }
    }
    const s = await alternate(quick ? 1 : 3, e, (engine) =>
      timeMs(async () => {
        await engine.restart();
        engine.cli(['ps', '-q']);
      }),
    );
    for (const engine of [e.berth, e.docker]) {
      const running = engine.cli(['ps', '-q']).trim().split('\n').filter(Boolean).length;
      if (running !== n) throw new Error(`${engine.name}: ${running} of ${n} containers running after the restarts`);
      engine.cli(['rm', '-f', ...names]);
    }
    return [{ id: 'restart-100', what: `engine restart with ${n} running containers, until \`ps\` answers`, unit: 'ms', target: { op: '<=', ratio: 0.5 }, ...s }];
  },
};
