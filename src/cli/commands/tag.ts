// berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]
import { ExactArgs, type BerthCommand } from '../command';
import { fullName, parseNormalizedNamed, tagNameOnly } from '../opts/reference';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]';
  cmd.argRule = ExactArgs(2);
  cmd.handle(async (cli, args) => {
    const [source, target] = args;
    let ref;
    try {
      ref = parseNormalizedNamed(target);
    } catch (err) {
      throw new Error(`Error parsing reference: ${JSON.stringify(target)} is not a valid repository/tag: ${(err as Error).message}`);
    }
    if (ref.digest) throw new Error('refusing to create a tag with a digest reference');
    ref = tagNameOnly(ref);
    await cli.client().images.tag(source, fullName(ref), ref.tag);
  });
}
