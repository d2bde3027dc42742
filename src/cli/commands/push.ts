// berth push [OPTIONS] NAME[:TAG]
import { ExactArgs, type BerthCommand } from '../command';
import type { Cli } from '../context';
import { registryAuthHeader } from '../credentials';
import { fullName, parseNormalizedNamed, tagNameOnly } from '../opts/reference';
import { displayJSONMessages } from '../progress';

/** Pushes `name` through the daemon with docker's output (-q: only the name at the end). Also compose push's. */
export async function pushImage(cli: Cli, name: string, o: { all?: boolean; quiet?: boolean; silent?: boolean }): Promise<void> {
  let ref = parseNormalizedNamed(name);
  if (ref.digest) throw new Error('cannot push a digest reference');
  if (o.all && ref.tag) throw new Error('tag can\'t be used with --all-tags/-a');
  if (!o.all) ref = tagNameOnly(ref);
  const res = await cli.client().images.push(fullName(ref), { tag: ref.tag, registryAuth: registryAuthHeader(cli, ref.domain) });
  if (o.quiet || o.silent) {
    // the stream is still read: its errors are the push's
    await displayJSONMessages(cli, res, { write: () => true });
    if (!o.silent) cli.print(name);
  } else {
    await displayJSONMessages(cli, res);
  }
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] NAME[:TAG]';
  cmd.argRule = ExactArgs(1);
  cmd
    .flag('-a, --all-tags', 'Push all tags of an image to the repository')
    .flag('--disable-content-trust', 'Skip image signing (default true)')
    .flag('-q, --quiet', 'Suppress verbose output');
  cmd.handle(async (cli, args, o) => {
    await pushImage(cli, args[0], { all: !!o.allTags, quiet: !!o.quiet });
  });
}
