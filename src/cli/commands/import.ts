// berth import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import { RangeArgs, type BerthCommand } from '../command';
import { parseNormalizedNamed } from '../opts/reference';
import { displayJSONMessages } from '../progress';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] file|URL|- [REPOSITORY[:TAG]]';
  cmd.argRule = RangeArgs(1, 2);
  cmd
    .list('-c, --change <list>', 'Apply Dockerfile instruction to the created image')
    .value('-m, --message <string>', 'Set commit message for imported image')
    .value('--platform <string>', 'Set platform if server is multi-platform capable');
  cmd.handle(async (cli, args, o) => {
    const [source, repo] = args;
    if (repo) parseNormalizedNamed(repo); // "invalid reference format" before sending anything
    let body: Readable | undefined;
    let fromSrc = '-';
    if (source === '-') {
      body = cli.in as unknown as Readable;
    } else if (/^https?:\/\//.test(source)) {
      fromSrc = source; // the daemon fetches it
    } else {
      // open first so a missing file fails like docker's os.Open
      let fd: number;
      try {
        fd = fs.openSync(source, 'r');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
        throw new Error(`open ${source}: ${why}`);
      }
      body = fs.createReadStream('', { fd });
    }
    const res = await cli.client().images.import(body, {
      fromSrc,
      repo,
      message: o.message as string | undefined,
      changes: o.change as string[] | undefined,
      platform: (o.platform as string | undefined)?.toLowerCase(),
    });
    await displayJSONMessages(cli, res);
  });
}
