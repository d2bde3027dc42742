// berth logs [OPTIONS] CONTAINER
import type { Writable } from 'node:stream';
import { ExactArgs, type BerthCommand } from '../command';
import { getTimestamp } from '../opts/timestamps';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER';
  cmd.argRule = ExactArgs(1);
  cmd
    .flag('--details', 'Show extra details provided to logs')
    .flag('-f, --follow', 'Follow log output')
    .value('--since <string>', 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)')
    .value('-n, --tail <string>', 'Number of lines to show from the end of the logs (default "all")')
    .flag('-t, --timestamps', 'Show timestamps')
    .value('--until <string>', 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)');
  cmd.handle(async (cli, args, o) => {
    const convert = (what: string, v: unknown): string | undefined => {
      if (typeof v !== 'string' || v === '') return undefined;
      try {
        return getTimestamp(v);
      } catch (err) {
        throw new Error(`invalid value for "${what}": ${(err as Error).message}`);
      }
    };
    const since = convert('since', o.since);
    const until = convert('until', o.until);
    const client = cli.client();
    const c = await client.containers.inspect(args[0]);
    const res = await client.containers.logs(c.Id, {
      stdout: true,
      stderr: true,
      follow: !!o.follow,
      timestamps: !!o.timestamps,
      details: !!o.details,
      since,
      until,
      tail: (o.tail as string | undefined) ?? 'all',
    });
    if (c.Config?.Tty) {
      await new Promise<void>((resolve, reject) => {
        res.on('data', (chunk: Buffer) => cli.out.write(chunk));
        res.once('end', resolve);
        res.once('error', reject);
      });
    } else {
      const { demuxStream } = require('../../client') as typeof import('../../client');
      await demuxStream(res, cli.out as Writable, cli.err as Writable);
    }
  });
}
