// A no-change rebuild of a 10-step Dockerfile with the classic builder
// (DOCKER_BUILDKIT=0): every step comes from the cache.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timeMs } from '../stats';
import { alternate, type BenchCase } from './types';

const DOCKERFILE = `FROM busybox
ENV APP=/app MODE=bench
WORKDIR /app
COPY a.txt /app/a.txt
RUN echo one > /app/one
COPY b.txt /app/b.txt
RUN echo two > /app/two
LABEL bench=yes
EXPOSE 8080
CMD ["sh", "-c", "cat /app/*"]
`;

export const build: BenchCase = {
  id: 'rebuild',
  async run(e, quick) {
    const dir = mkdtempSync(join(tmpdir(), 'berth-bench-build-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
      writeFileSync(join(dir, 'a.txt'), 'a\n'.repeat(1000));
      writeFileSync(join(dir, 'b.txt'), 'b\n'.repeat(1000));
      for (const engine of [e.berth, e.docker]) engine.cli(['build', '-q', '-t', 'bench-build', dir]); // fills the cache
      const s = await alternate(quick ? 3 : 10, e, (engine) => timeMs(() => engine.cli(['build', '-q', '-t', 'bench-build', dir])));
      return [{ id: 'rebuild', what: 'no-change rebuild of a 10-step Dockerfile (classic builder)', unit: 'ms', target: { op: '<=', ratio: 0.5 }, ...s }];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
