// `ps -a` and `inspect` with 1,000 containers present (created through the
// API, several at a time; the creation is not what is measured).
import { timeMs } from '../stats';
import type { Engine } from '../engines';
import { alternate, type BenchCase } from './types';

async function createMany(engine: Engine, n: number): Promise<string[]> {
  const ids: string[] = [];
  const batch = 16;
  for (let i = 0; i < n; i += batch) {
    const made = await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, (_, k) =>
        engine.api('POST', `/containers/create?name=many-${i + k}`, { Image: 'busybox', Cmd: ['true'], HostConfig: { NetworkMode: 'none' } }),
      ),
    );
    for (const m of made) {
      if (m.status !== 201) throw new Error(`${engine.name}: create answered ${m.status} ${JSON.stringify(m.json)}`);
      ids.push(m.json.Id);
    }
  }
  return ids;
}

export const listing: BenchCase = {
  id: 'listing',
  async run(e, quick) {
    const n = quick ? 200 : 1000;
    const ids = { berth: await createMany(e.berth, n), docker: await createMany(e.docker, n) };
    const ps = await alternate(quick ? 5 : 15, e, (engine) => timeMs(() => engine.cli(['ps', '-a', '-q'])));
    const inspect = await alternate(quick ? 5 : 15, e, (engine) => timeMs(() => engine.cli(['inspect', ids[engine.name][n >> 1]])));
    for (const engine of [e.berth, e.docker]) {
      for (let i = 0; i < ids[engine.name].length; i += 100) engine.cli(['rm', ...ids[engine.name].slice(i, i + 100)]);
    }
    return [
      { id: 'ps-1000', what: `\`ps -a\` with ${n} containers`, unit: 'ms', target: { op: '<=', ratio: 0.3 }, ...ps },
      { id: 'inspect-1000', what: `\`inspect\` with ${n} containers`, unit: 'ms', target: { op: '<=', ratio: 0.5 }, ...inspect },
    ];
  },
};
