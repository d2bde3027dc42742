// One container's log stream into the LogPrinter: demultiplexed without a
// TTY (stdout and stderr apart), raw with one. Shared by `compose logs` and
// attached `compose up`, which both read the daemon's logs rather than
// attach: the log file has everything since start, so nothing printed
// before we connected is lost, and a container that already exited still
// shows its output.
import type { Cli } from '../context';
import { Demuxer, type LogsOptions } from '../../client';
import { StdStream } from '../../api/types';
import type { LogPrinter } from './log-printer';

export async function followLogs(cli: Cli, printer: LogPrinter, name: string, id: string, tty: boolean, o: LogsOptions): Promise<void> {
  const res = await cli.client().containers.logs(id, { stdout: true, stderr: true, ...o });
  const demux = tty ? undefined : new Demuxer();
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      if (!demux) {
        printer.write(name, 'out', chunk.toString('utf8'));
        continue;
      }
      for (const f of demux.push(chunk)) printer.write(name, f.stream === StdStream.Stderr ? 'err' : 'out', f.payload.toString('utf8'));
    }
  } catch (err) {
    // an aborted follow (Ctrl-C, --abort-on-container-exit) is an end, not an error
    if (!o.signal?.aborted) throw err;
  } finally {
    printer.flush(name);
  }
}
