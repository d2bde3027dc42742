// A container writing a lot to stdout: time until it has exited, `logs`
// reading it all, `logs --tail 100`.
import { timeMs } from '../stats';
import type { Engine } from '../engines';
import { alternate, type BenchCase } from './types';

export const logs: BenchCase = {
  id: 'logs',
  async run(e, quick) {
    const mb = quick ? 100 : 1024;
    // 100-byte lines, like a chatty service's
    const cmd = `yes 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456 | head -c ${mb * 1024 * 1024}`;
    const rounds = quick ? 1 : 3;
    const exit = { berth: [] as number[], docker: [] as number[] };
    const all = { berth: [] as number[], docker: [] as number[] };
    const tail = { berth: [] as number[], docker: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      try {
        const made = await alternate(1, e, (engine: Engine) =>
          timeMs(() => {
            engine.cli(['run', '-d', '--network', 'none', '--name', `chatty-${r}`, 'busybox', 'sh', '-c', cmd]);
            engine.cli(['wait', `chatty-${r}`]);
          }),
        );
        exit.berth.push(...made.berth);
        exit.docker.push(...made.docker);
        const a = await alternate(1, e, (engine) => timeMs(() => engine.cliQuiet(['logs', `chatty-${r}`])));
        all.berth.push(...a.berth);
        all.docker.push(...a.docker);
        const t = await alternate(5, e, (engine) => timeMs(() => engine.cli(['logs', '--tail', '100', `chatty-${r}`])));
        tail.berth.push(...t.berth);
        tail.docker.push(...t.docker);
      } finally {
        // also after a failure: a chatty container left behind skews every later case
        for (const engine of [e.berth, e.docker]) engine.cli(['rm', '-f', `chatty-${r}`], { allowFail: true });
      }
    }
    const size = mb >= 1024 ? `${mb / 1024} GB` : `${mb} MB`;
    return [
      { id: 'logs-exit', what: `a container writing ${size} to stdout: time to exit`, unit: 'ms', target: { op: '<=', ratio: 1.0 }, ...exit },
      { id: 'logs-all', what: `\`logs\` reading all ${size}`, unit: 'ms', target: { op: '<=', ratio: 0.7 }, ...all },
      { id: 'logs-tail', what: `\`logs --tail 100\` on it`, unit: 'ms', target: { op: '<=', ratio: 0.1 }, ...tail },
    ];
  },
};
