// Compose: `up -d` and `down` of a 5-service project (one network, one
// named volume, a dependency chain and a published port), berth compose on
// berthd against Debian's docker-compose 1.29 on dockerd: each tool as its
// users run it against its own engine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timeMs } from '../stats';
import type { Engine } from '../engines';
import { alternate, type BenchCase } from './types';

const BERTH = join(__dirname, '..', '..', '..', 'bin', 'berth');

const FILE = `services:
  db:
    image: busybox
    command: sleep 3600
    stop_signal: SIGKILL
    volumes: [data:/data]
  cache:
    image: busybox
    command: sleep 3600
    stop_signal: SIGKILL
  api:
    image: busybox
    command: sleep 3600
    stop_signal: SIGKILL
    depends_on: [db, cache]
  worker:
    image: busybox
    command: sleep 3600
    stop_signal: SIGKILL
    depends_on: [db]
  web:
    image: busybox
    command: sleep 3600
    stop_signal: SIGKILL
    ports: ["127.0.0.1:18099:80"]
    depends_on: [api]
volumes:
  data:
`;

function composeOf(engine: Engine, dir: string): (args: string[]) => void {
  const [bin, pre] = engine.name === 'berth' ? [BERTH, ['compose']] : ['/usr/bin/docker-compose', []];
  const env = { ...process.env, BERTH_HOST: engine.host, DOCKER_HOST: engine.host };
  return (args) => {
    const r = spawnSync(bin, [...pre, '-p', 'benchc', ...args], { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')}: ${r.stderr}`);
  };
}

export const compose: BenchCase = {
  id: 'compose',
  async run(e, quick) {
    const dir = mkdtempSync(join(tmpdir(), 'berth-bench-compose-'));
    writeFileSync(join(dir, 'compose.yaml'), FILE);
    const up: Record<string, number[]> = { berth: [], docker: [] };
    try {
      const down = await alternate(quick ? 3 : 8, e, async (engine) => {
        const c = composeOf(engine, dir);
        up[engine.name].push(await timeMs(() => c(['up', '-d'])));
        return timeMs(() => c(['down', '-v', '-t', '0']));
      });
      return [
        { id: 'compose-up', what: '`compose up -d` of 5 services (berth compose / docker-compose 1.29)', unit: 'ms', target: { op: '<=', ratio: 0.5 }, berth: up.berth, docker: up.docker },
        { id: 'compose-down', what: '`compose down -v` of them', unit: 'ms', target: { op: '<=', ratio: 0.5 }, ...down },
      ];
    } finally {
      for (const engine of [e.berth, e.docker]) {
        try {
          composeOf(engine, dir)(['down', '-v', '-t', '0']);
        } catch {
          /* already down */
        }
      }
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
