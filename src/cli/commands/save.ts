// berth save [OPTIONS] IMAGE [IMAGE...]
import { MinArgs, type BerthCommand } from '../command';
import { writeStreamTo } from '../archive/output';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] IMAGE [IMAGE...]';
  cmd.argRule = MinArgs(1);
  cmd
    .value('-o, --output <string>', 'Write to a file, instead of STDOUT')
    .list('--platform <list>', 'Save only the given platform(s)', undefined, { hidden: true });
  cmd.handle(async (cli, args, o) => {
    const output = o.output as string | undefined;
    if (!output && (cli.out as { isTTY?: boolean }).isTTY) {
      throw new Error('cowardly refusing to save to a terminal. Use the -o flag or redirect');
    }
    const body = await cli.client().images.save(args);
    await writeStreamTo(cli, body, output);
  });
}
