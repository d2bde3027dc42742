// The application images of images/ (debian:bookworm and the Dockerfile-built
// mysql, wordpress, nginx, tomcat, node, registry), built once per test file
// in a test daemon exactly as a user builds them, and copied into a real
// dockerd with `docker save | docker load` so both engines run the same bytes.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './harness';

export const APPS = ['mysql', 'wordpress', 'nginx', 'tomcat', 'node', 'registry'];
/** Every name the builds tag, for save/load. */
export const APP_TAGS = ['debian:bookworm', 'debian:12', 'debian:latest', ...APPS.map((a) => `${a}:latest`), 'registry:2'];

/** images/build debian, then images/build-app for the applications, in the berthd at `host`; throws with the builds' output. */
export function buildAppImages(host: string, apps = APPS): void {
  const env = { ...process.env, BERTH_HOST: host, DOCKER_HOST: host };
  for (const [cmd, args] of [
    ['build', ['debian']],
    ['build-app', apps],
  ] as const) {
    const r = spawnSync(join(ROOT, 'images', cmd), args, { env, encoding: 'utf8', timeout: 20 * 60_000 });
    if (r.status !== 0) throw new Error(`images/${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  }
}

/** Copies images from one engine into another through the docker CLI's save and load. */
export function copyImages(fromHost: string, toHost: string, tags = APP_TAGS): void {
  const sh = `set -o pipefail; DOCKER_HOST='${fromHost}' /usr/local/bin/docker save ${tags.join(' ')} | DOCKER_HOST='${toHost}' /usr/local/bin/docker load -q`;
  const r = spawnSync('bash', ['-c', sh], { encoding: 'utf8', timeout: 10 * 60_000 });
  if (r.status !== 0) throw new Error(`save | load failed (${r.status}):\n${r.stdout}${r.stderr}`);
}
