// Wires the classic builder to the image store and the container verbs.
import { join } from 'node:path';
import type { BuildBackend } from '../api/routers/build/backend';
import { buildFromContext, checkTags, SCRATCH } from '../build';
import type { ContainerDeps } from '../container/deps';
import type { ImageStore } from '../image';

export function buildBackend(opts: { images: ImageStore; containers: ContainerDeps; dataRoot: string }): BuildBackend {
  // FROM scratch: a step's container starts from no image at all.
  const containers: ContainerDeps = {
    ...opts.containers,
    images: {
      ...opts.containers.images,
      resolve: (ref) => (ref === SCRATCH ? { id: '', config: {}, topChainID: null } : opts.containers.images.resolve(ref)),
    },
  };
  const deps = { images: opts.images, containers, tmpDir: join(opts.dataRoot, 'tmp') };
  return {
    check: (q) => checkTags(q.tags),
    build: (context, q, emit) => buildFromContext(deps, context, q, (m) => emit({ ...m })),
  };
}
