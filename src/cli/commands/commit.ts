// berth commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]
import { RangeArgs, type BerthCommand } from '../command';
import { parseNormalizedNamed } from '../opts/reference';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER [REPOSITORY[:TAG]]';
  cmd.argRule = RangeArgs(1, 2);
  cmd
    .value('-a, --author <string>', 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")')
    .list('-c, --change <list>', 'Apply Dockerfile instruction to the created image')
    .value('-m, --message <string>', 'Commit message')
    .flag('-p, --pause', 'Pause container during commit (default true)', { default: true })
    .flag('--no-pause', 'Do not pause the container during commit', { hidden: true });
  cmd.handle(async (cli, args, o) => {
    const [ctr, ref] = args;
    if (ref) parseNormalizedNamed(ref); // "invalid reference format" before anything is sent
    const res = await cli.client().containers.commit(ctr, {
      repo: ref,
      author: o.author as string | undefined,
      comment: o.message as string | undefined,
      changes: o.change as string[] | undefined,
      pause: o.pause !== false,
    });
    cli.print(res.Id);
  });
}
