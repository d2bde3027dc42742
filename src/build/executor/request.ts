// A whole `docker build` request: check the tags, unpack the context, run
// the Dockerfile, then report and tag the result the way dockerd's classic
// builder does (`Successfully built …`, `Successfully tagged …`, and the
// image ID as an aux message the docker CLI reads for -q and --iidfile).
import { familiarString, parseNormalizedNamed, tagNameOnly } from '../../image';
import { buildImage, type BuildMessage, type BuildOptions } from './build';
import { unpackContext } from './context';
import type { StepDeps } from './steps';
import { checkTags } from './tags';

export { checkTags };

export interface BuildRequest extends BuildOptions {
  quiet: boolean;
}

export async function buildFromContext(
  deps: StepDeps & { tmpDir: string },
  tar: AsyncIterable<Buffer>,
  req: BuildRequest,
  emit: (m: BuildMessage) => void,
): Promise<string> {
  checkTags(req.tags);
  const ctx = await unpackContext(tar, deps.tmpDir);
  try {
    const quietEmit = (m: BuildMessage) => {
      if (req.quiet && (m.stream !== undefined || m.status !== undefined)) return;
      emit(m);
    };
    const id = await buildImage(deps, ctx, req, quietEmit);
    emit({ aux: { ID: id } });
    quietEmit({ stream: `Successfully built ${id.replace(/^sha256:/, '').slice(0, 12)}\n` });
    for (const t of req.tags) {
      const ref = tagNameOnly(parseNormalizedNamed(t));
      await deps.images.tag(id, familiarString(ref));
      quietEmit({ stream: `Successfully tagged ${familiarString(ref)}\n` });
    }
    if (req.quiet) emit({ stream: `${id}\n` });
    return id;
  } finally {
    await ctx.dispose();
  }
}
