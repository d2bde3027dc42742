// Wires the classic builder to the image store and the container verbs.
// The builder itself (parser, executor, context unpacking) is loaded on the
// first build: a berthd that never builds does not carry it (≈2 MiB idle).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildBackend } from '../api/routers/build/backend';
import { checkTags, SCRATCH } from '../build/executor/tags';
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
  // Contexts of builds a crash interrupted.
  for (const n of (existsSync(deps.tmpDir) ? readdirSync(deps.tmpDir, { withFileTypes: true }) : []).filter((e) => /^(build|src)-/.test(e.name))) {
    rmSync(join(deps.tmpDir, n.name), { recursive: true, force: true });
  }
  return {
    check: (q) => checkTags(q.tags),
    prune: async (filters, all) => {
      // BuildKit's filters (until, id, …) other than until/label have no meaning for images.
      const f = new Map([...filters].filter(([k]) => ['until', 'label', 'label!'].includes(k)));
      // Classic cache under a tagged image is that image's history: even --all takes only dangling chains.
      void all;
      const r = await opts.images.prune({ filters: f, buildCacheOnly: true });
      const ids = (r.ImagesDeleted ?? []).flatMap((d) => ('Deleted' in d ? [d.Deleted] : []));
      return { CachesDeleted: ids.length ? ids : null, SpaceReclaimed: r.SpaceReclaimed };
    },
    build: (context, q, emit) => (require('../build') as typeof import('../build')).buildFromContext(deps, context, q, (m) => emit({ ...m })),
  };
}
