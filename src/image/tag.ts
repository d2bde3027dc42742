// `docker tag SOURCE TARGET`: point repo:tag at an existing image.
import { invalidArgument } from '../errdefs';
import type { Ctx } from './context';
import { setRef } from './create';
import { familiarName, familiarString, parseNormalizedNamed, tagNameOnly, withTag } from './reference';
import { getImage } from './resolve';

export async function tagImage(ctx: Ctx, source: string, repo: string, tag?: string): Promise<void> {
  if (!repo) throw invalidArgument('repository name must have at least one component');
  let ref = parseNormalizedNamed(repo);
  if (ref.digest !== undefined) throw invalidArgument('refusing to create a tag with a digest reference');
  ref = tag ? withTag(ref, tag) : tagNameOnly(ref);
  if (familiarName(ref) === 'sha256') {
    throw invalidArgument('refusing to create an ambiguous tag using digest algorithm as name');
  }
  await ctx.lock.run(async () => {
    const img = getImage(ctx, source);
    ctx.records.transaction(() => setRef(ctx, ref, img.id, ctx.now().toISOString()));
    ctx.event('tag', img.id, { name: familiarString(ref) });
  });
}
