// Writes a tar stream from the daemon to stdout or, with -o, to a file that
// appears only once complete (temp name + rename), so a failed export or
// save never leaves a truncated archive under the requested name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Cli } from '../context';

export async function writeStreamTo(cli: Cli, body: AsyncIterable<Buffer | string>, output: string | undefined): Promise<void> {
  if (!output) {
    for await (const chunk of body) {
      if (!cli.out.write(chunk)) await new Promise<void>((r) => cli.out.once('drain', () => r()));
    }
    return;
  }
  const tmp = path.join(path.dirname(output), `.${path.basename(output)}.tmp-${process.pid}`);
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    for await (const chunk of body) fs.writeSync(fd, typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, output);
  } catch (err) {
    try {
      fs.closeSync(fd);
    } catch {
      /* already closed */
    }
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
