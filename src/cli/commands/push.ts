// berth push [OPTIONS] NAME[:TAG]
import { ExactArgs, type BerthCommand } from '../command';
import { registryAuthHeader } from '../credentials';
import { fullName, parseNormalizedNamed, tagNameOnly } from '../opts/reference';
import { displayJSONMessages } from '../progress';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] NAME[:TAG]';
  cmd.argRule = ExactArgs(1);
  cmd
    .flag('-a, --all-tags', 'Push all tags of an image to the repository')
    .flag('--disable-content-trust', 'Skip image signing (default true)')
    .flag('-q, --quiet', 'Suppress verbose output');
  cmd.handle(async (cli, args, o) => {
    let ref = parseNormalizedNamed(args[0]);
    if (ref.digest) throw new Error('cannot push a digest reference');
    const all = !!o.allTags;
    if (all && ref.tag) throw new Error('tag can\'t be used with --all-tags/-a');
    if (!all) ref = tagNameOnly(ref);
    const res = await cli.client().images.push(fullName(ref), { tag: ref.tag, registryAuth: registryAuthHeader(cli, ref.domain) });
    if (o.quiet) {
      await displayJSONMessages(cli, res, { write: () => true });
      cli.print(args[0]);
    } else {
      await displayJSONMessages(cli, res);
    }
  });
}
