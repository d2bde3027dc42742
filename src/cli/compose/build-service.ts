// A service's build: section through the Engine API's /build, with the
// same context packing and stream printing as `berth build` (its exported
// pieces); the image is tagged as compose names it (the service's image:,
// or <project>-<service>).
import * as path from 'node:path';
import type { Cli } from '../context';
import { StatusError } from '../errors';
import { imageOf } from './convert';
import type { Project, Service } from './model/types';

export interface BuildServiceOptions {
  noCache?: boolean;
  pull?: boolean;
  quiet?: boolean;
  /** --build-arg given on the command line, over the file's args */
  args?: Record<string, string | null>;
}

export async function buildService(cli: Cli, p: Project, s: Service, o: BuildServiceOptions): Promise<void> {
  if (!s.build) return;
  // loaded only when a service is built: the context packer is not small
  const { directoryContext, sendBuild } = require('../commands/build') as typeof import('../commands/build');
  const dir = path.resolve(p.workingDir, s.build.context);
  const file = s.build.dockerfile ? path.resolve(dir, s.build.dockerfile) : undefined;
  const { body, dockerfile } = await directoryContext(cli, dir, file);
  const code = await sendBuild(cli, body, {
    tags: [imageOf(p, s)],
    dockerfile,
    buildArgs: { ...(s.build.args ?? {}), ...(o.args ?? {}) },
    labels: s.build.labels ?? {},
    target: s.build.target,
    noCache: o.noCache,
    pull: o.pull,
    quiet: o.quiet,
    rm: true,
  });
  if (code !== 0) throw new StatusError(code, `failed to build service "${s.name}"`);
}
