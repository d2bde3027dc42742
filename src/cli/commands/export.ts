// berth export [OPTIONS] CONTAINER
import { ExactArgs, type BerthCommand } from '../command';
import { writeStreamTo } from '../archive/output';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER';
  cmd.argRule = ExactArgs(1);
  cmd.value('-o, --output <string>', 'Write to a file, instead of STDOUT');
  cmd.handle(async (cli, args, o) => {
    const output = o.output as string | undefined;
    if (!output && (cli.out as { isTTY?: boolean }).isTTY) {
      throw new Error('cowardly refusing to save to a terminal. Use the -o flag or redirect');
    }
    const body = await cli.client().containers.export(args[0]);
    await writeStreamTo(cli, body, output);
  });
}
