// `docker import`: one tarball becomes a single-layer image. Like dockerd,
// the name and the changes are validated before the body is read.
import { invalidArgument } from '../errdefs';
import { applyChanges } from './changes';
import type { Ctx } from './context';
import { unpin } from './context';
import { commitImage } from './create';
import { applyLayer, type AppliedLayer } from './layers';
import { parseNormalizedNamed, tagNameOnly, withTag, type Reference } from './reference';
import type { ImageConfig, ImportOptions } from './types';

/** Docker's GOARCH names for node's process.arch. */
export function hostArchitecture(): string {
  const map: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  return map[process.arch] ?? process.arch;
}

/** repo (which may carry a tag) + optional tag → the reference to create. */
export function importReference(repo?: string, tag?: string): Reference | undefined {
  if (!repo) return undefined;
  const ref = parseNormalizedNamed(repo);
  if (ref.digest !== undefined) throw invalidArgument('cannot import digest reference');
  return tag ? withTag(ref, tag) : tagNameOnly(ref);
}

export async function importImage(ctx: Ctx, src: AsyncIterable<Buffer>, opts: ImportOptions = {}): Promise<string> {
  const ref = importReference(opts.repo, opts.tag);
  const containerConfig = applyChanges({}, opts.changes ?? []);
  const blob = await ctx.content.ingest(src);
  let layer: AppliedLayer;
  try {
    layer = await applyLayer(ctx, null, blob.digest);
  } catch (err) {
    if (ctx.records.blobUsers(blob.digest) === 0) await ctx.content.delete(blob.digest);
    throw err;
  }
  try {
    const created = ctx.now().toISOString();
    const comment = opts.message || `Imported from ${opts.source ?? '-'}`;
    const config: ImageConfig = {
      architecture: hostArchitecture(),
      comment,
      config: containerConfig,
      created,
      history: [{ created, comment }],
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [layer.diffId] },
    };
    const { id } = await commitImage(ctx, { config, layers: [layer], refs: ref ? [ref] : [] });
    ctx.event('import', id);
    return id;
  } finally {
    unpin(ctx, layer.chainId);
  }
}
