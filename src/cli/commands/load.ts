// berth load [OPTIONS]
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import { NoArgs, type BerthCommand } from '../command';
import { displayJSONMessages } from '../progress';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .value('-i, --input <string>', 'Read from tar archive file, instead of STDIN')
    .flag('-q, --quiet', 'Suppress the load output');
  cmd.handle(async (cli, _args, o) => {
    const input = o.input as string | undefined;
    let body: Readable;
    if (input) {
      let fd: number;
      try {
        fd = fs.openSync(input, 'r');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new Error(`open ${input}: ${code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
      }
      body = fs.createReadStream('', { fd });
    } else {
      if ((cli.in as { isTTY?: boolean }).isTTY) {
        throw new Error('requested load from stdin, but stdin is empty');
      }
      body = cli.in as unknown as Readable;
    }
    // Like docker: without a terminal there is no progress to show.
    const quiet = !!o.quiet || !(cli.out as { isTTY?: boolean }).isTTY;
    const res = await cli.client().images.load(body, { quiet });
    await displayJSONMessages(cli, res);
  });
}
