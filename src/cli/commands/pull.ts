// berth pull [OPTIONS] NAME[:TAG|@DIGEST]
import { ExactArgs, type BerthCommand } from '../command';
import { registryAuthHeader } from '../credentials';
import { fullName, parseNormalizedNamed, tagNameOnly, type Reference } from '../opts/reference';
import { displayJSONMessages } from '../progress';
import type { Cli } from '../context';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] NAME[:TAG|@DIGEST]';
  cmd.argRule = ExactArgs(1);
  cmd
    .flag('-a, --all-tags', 'Download all tagged images in the repository')
    .flag('--disable-content-trust', 'Skip image verification (default true)', { hidden: false })
    .value('--platform <string>', 'Set platform if server is multi-platform capable')
    .flag('-q, --quiet', 'Suppress verbose output');
  cmd.handle(async (cli, args, o) => {
    let ref = parseNormalizedNamed(args[0]);
    const all = !!o.allTags;
    if (all && (ref.tag || ref.digest)) throw new Error('tag can\'t be used with --all-tags/-a');
    if (!all) ref = tagNameOnly(ref);
    await pullImage(cli, ref, { platform: o.platform as string | undefined, quiet: !!o.quiet, all });
  });
}

/** Pulls `ref` through the daemon, showing docker's output; prints the full reference at the end. */
export async function pullImage(cli: Cli, ref: Reference, opts: { platform?: string; quiet?: boolean; all?: boolean; out?: 'stdout' | 'stderr' }): Promise<void> {
  const res = await cli.client().images.pull(fullName(ref), {
    tag: ref.digest ?? ref.tag,
    platform: opts.platform?.toLowerCase(),
    registryAuth: registryAuthHeader(cli, ref.domain),
  });
  // -q still reads (and fails on) the stream
  await displayJSONMessages(cli, res, opts.quiet ? { write: () => true } : opts.out === 'stderr' ? cli.err : cli.out);
  if (opts.out !== 'stderr') cli.print(fullName(ref) + (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : ''));
}
