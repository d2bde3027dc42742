// Real applications: the Dutch talk's WordPress + MySQL pair from `docker
// run` of both to the first HTTP answer of WordPress's installer, and the
// memory each engine adds per running application container (engine growth
// plus its per-container monitors, as the busybox memory case measures it).
// The images are built once in berthd (images/build, images/build-app) and
// copied into dockerd with save | load, so both run the same bytes.
import { buildAppImages, copyImages } from '../../test/integration/app-images';
import { rssKiB } from '../stats';
import type { Engine } from '../engines';
import { alternate, type BenchCase } from './types';

const PORT = 18080;
const settle = () => new Promise((r) => setTimeout(r, 3000));

async function firstAnswer(url: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await r.text();
      if (r.status === 200) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > end) throw new Error(`${url} never answered 200`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function wordpressPair(engine: Engine): Promise<number> {
  const t0 = performance.now();
  engine.cli(['run', '--name', 'bench-mysql', '-e', 'MYSQL_ROOT_PASSWORD=changeme', '-d', 'mysql']);
  engine.cli(['run', '--name', 'bench-wp', '--link', 'bench-mysql:mysql', '-p', `${PORT}:80`, '-d', 'wordpress']);
  // fetch follows the redirect to /wp-admin/install.php: 200 is the installer, which needs the database
  await firstAnswer(`http://127.0.0.1:${PORT}/`);
  const ms = performance.now() - t0;
  engine.cli(['rm', '-f', '-v', 'bench-wp', 'bench-mysql']);
  return ms;
}

/** The apps the talks run, each as the talks start it (ports left out: only memory counts). */
const RUNNING: string[][] = [
  ['--name', 'm-mysql', '-e', 'MYSQL_ROOT_PASSWORD=pw', 'mysql'],
  ['--name', 'm-wp', '--link', 'm-mysql:mysql', 'wordpress'],
  ['--name', 'm-nginx', 'nginx'],
  ['--name', 'm-tomcat', 'tomcat'],
  ['--name', 'm-node', 'node', 'node', '-e', 'require("http").createServer((q, s) => s.end("hi")).listen(8080)'],
];

async function perAppContainer(engine: Engine): Promise<number> {
  await engine.restart();
  await settle();
  const before = rssKiB(engine.enginePids());
  for (const args of RUNNING) engine.cli(['run', '-d', ...args]);
  await settle();
  const grown = rssKiB(engine.enginePids()) - before + rssKiB(engine.monitorPids());
  engine.cli(['rm', '-f', '-v', ...RUNNING.map((a) => a[1])]);
  return grown / RUNNING.length;
}

export const apps: BenchCase = {
  id: 'apps',
  async run(e, quick) {
    buildAppImages(e.berth.host, ['mysql', 'wordpress', 'nginx', 'tomcat', 'node']);
    copyImages(e.berth.host, e.docker.host, ['debian:bookworm', 'mysql', 'wordpress', 'nginx', 'tomcat', 'node']);
    const pair = await alternate(quick ? 2 : 5, e, wordpressPair);
    const mem = await alternate(quick ? 1 : 3, e, perAppContainer);
    return [
      { id: 'apps-wordpress-200', what: '`run` of the WordPress + MySQL pair to the installer\'s first HTTP 200', unit: 'ms', target: { op: '<=', ratio: 1 }, ...pair },
      { id: 'apps-mem-per-container', what: `memory added per running application container (${RUNNING.length}: mysql, wordpress, nginx, tomcat, node)`, unit: 'KiB', target: { op: '<=', ratio: 1 }, ...mem },
    ];
  },
};
