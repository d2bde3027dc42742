// Pull and push of a multi-layer image of 200 MB (four 50 MB layers of
// random bytes, which do not compress) against Debian's docker-registry on
// loopback: MB/s for each engine. Each push goes to a fresh registry, so
// every blob is uploaded; each pull starts from an engine without the image.
import { startRegistry, type RegistryServer } from '../../test/integration/registry-server';
import type { Engine } from '../engines';
import { timeMs } from '../stats';
import type { BenchCase, Engines } from './types';

const LAYERS = 4;

/** Makes the image in berth by committing one 50 MB (5 MB quick) layer at a time. */
function makeImage(e: Engine, mb: number): string {
  let from = 'busybox';
  for (let i = 0; i < LAYERS; i++) {
    const name = `layer-maker-${i}`;
    e.cli(['run', '--name', name, '--network', 'none', from, 'sh', '-c', `head -c ${mb * 1024 * 1024} /dev/urandom > /blob${i}`]);
    from = `bench-big:${i}`;
    e.cli(['commit', name, from]);
    e.cli(['rm', name]);
  }
  return from;
}

export const registry: BenchCase = {
  id: 'registry',
  async run(e: Engines, quick) {
    const mb = quick ? 5 : 50;
    const total = (mb * LAYERS) + 4; // + busybox
    const image = makeImage(e.berth, mb);
    const push = { berth: [] as number[], docker: [] as number[] };
    const pull = { berth: [] as number[], docker: [] as number[] };
    const seed = await startRegistry();
    const registries: RegistryServer[] = [seed];
    try {
      // docker gets the same image from the seed registry
      e.berth.cli(['tag', image, `${seed.host}/big:1`]);
      e.berth.cli(['push', `${seed.host}/big:1`]);
      e.docker.cli(['pull', `${seed.host}/big:1`]);
      for (let round = 0; round < (quick ? 1 : 3); round++) {
        for (const engine of round % 2 ? [e.docker, e.berth] : [e.berth, e.docker]) {
          const target = await startRegistry();
          registries.push(target);
          const ref = `${target.host}/big:1`;
          engine.cli(['tag', `${seed.host}/big:1`, ref]);
          push[engine.name].push(total / ((await timeMs(() => engine.cli(['push', ref]))) / 1000));
          engine.cli(['rmi', ref]);
          engine.cli(['rmi', `${seed.host}/big:1`]);
          if (engine === e.berth) for (let i = LAYERS - 1; i >= 0; i--) engine.cli(['rmi', `bench-big:${i}`], { allowFail: true });
          pull[engine.name].push(total / ((await timeMs(() => engine.cli(['pull', ref]))) / 1000));
          engine.cli(['tag', ref, `${seed.host}/big:1`]);
          engine.cli(['rmi', ref]);
        }
      }
    } finally {
      for (const r of registries) await r.stop();
      for (const engine of [e.berth, e.docker]) engine.cli(['rmi', `${seed.host}/big:1`], { allowFail: true });
    }
    const what = `${total} MB image in ${LAYERS + 1} layers, local docker-registry`;
    return [
      { id: 'pull', what: `pull of a ${what}`, unit: 'MB/s', target: { op: '>=', ratio: 1.6 }, ...pull },
      { id: 'push', what: `push of a ${what}`, unit: 'MB/s', target: { op: '>=', ratio: 1.5 }, ...push },
    ];
  },
};
