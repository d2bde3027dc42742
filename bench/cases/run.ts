// `run --rm busybox true` end to end through the docker CLI, with
// --network none and on the default bridge.
import { timeMs } from '../stats';
import { alternate, type BenchCase } from './types';

function runCase(id: string, what: string, args: string[]): BenchCase {
  return {
    id,
    async run(e, quick) {
      for (const engine of [e.berth, e.docker]) engine.cli(['run', '--rm', ...args, 'busybox', 'true']); // warm up
      const s = await alternate(quick ? 5 : 20, e, (engine) => timeMs(() => engine.cli(['run', '--rm', ...args, 'busybox', 'true'])));
      return [{ id, what, unit: 'ms', target: { op: '<=', ratio: 0.25 }, ...s }];
    },
  };
}

export const runNone = runCase('run-none', '`run --rm busybox true`, `--network none`', ['--network', 'none']);
export const runBridge = runCase('run-bridge', '`run --rm busybox true` on the default bridge', []);
