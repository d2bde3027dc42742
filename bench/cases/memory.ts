// Memory: the engine idle, and per running container (the engine's growth
// plus its per-container monitor processes: conmon vs containerd-shim), as
// RSS and as PSS. RSS counts the shared libraries' pages (conmon's glib) in
// every monitor again; PSS counts each page once, split among its users,
// which is what a hundred containers really take.
import { pssKiB, rssKiB } from '../stats';
import type { Engine } from '../engines';
import type { BenchCase } from './types';

const settle = () => new Promise((r) => setTimeout(r, 2000));

export const memory: BenchCase = {
  id: 'memory',
  async run(e, quick) {
    const n = quick ? 20 : 100;
    const idle = { berth: [] as number[], docker: [] as number[] };
    const per = { berth: [] as number[], docker: [] as number[] };
    const perPss = { berth: [] as number[], docker: [] as number[] };
    for (const engine of [e.berth, e.docker] as Engine[]) {
      // Idle means freshly started with the image present: earlier cases
      // (1,000 containers made and removed) leave both engines' heaps grown.
      await engine.restart();
      await settle();
      const before = rssKiB(engine.enginePids());
      const beforePss = pssKiB(engine.enginePids());
      idle[engine.name].push(before);
      const names = Array.from({ length: n }, (_, i) => `mem-${i}`);
      for (let i = 0; i < n; i += 10) {
        await Promise.all(names.slice(i, i + 10).map((name) => engine.cliAsync(['run', '-d', '--network', 'none', '--name', name, 'busybox', 'sleep', '1000'])));
      }
      await settle();
      const grown = rssKiB(engine.enginePids()) - before + rssKiB(engine.monitorPids());
      per[engine.name].push(grown / n);
      perPss[engine.name].push((pssKiB(engine.enginePids()) - beforePss + pssKiB(engine.monitorPids())) / n);
      engine.cli(['rm', '-f', ...names]);
    }
    return [
      { id: 'mem-idle', what: 'engine memory idle (berthd vs dockerd + containerd)', unit: 'KiB', target: { op: '<=', ratio: 0.5 }, ...idle },
      { id: 'mem-per-container', what: `memory per running container (engine growth + monitors, ${n} containers)`, unit: 'KiB', target: { op: '<=', ratio: 0.3 }, ...per, note: absolute(per.berth) },
      { id: 'mem-per-container-pss', what: `the same as PSS (shared pages split among the processes that map them)`, unit: 'KiB', target: { op: '<=', ratio: 0.3 }, ...perPss, note: absolute(perPss.berth) },
    ];
  },
};

/** Issue 20's absolute target for berth alone: at most 1.5 MB per running container. */
function absolute(berthKiB: number[]): string {
  const sorted = [...berthKiB].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `berth ${median * 1024 <= 1.5e6 ? 'within' : 'above'} the absolute target of 1.5 MB`;
}
