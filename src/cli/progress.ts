// Showing a JSON progress stream (import, pull, push) as docker's jsonmessage
// display does. Not a terminal: one line per status, progress bars skipped.
// A terminal: one line per layer id, rewritten in place (cursor up, clear
// line) with its status and bar, until a message without progress (Digest:,
// Status:) starts a new block. The first `error` ends the stream as a failure.
import type { Readable } from 'node:stream';
import type { JSONMessage } from '../api/types';
import type { Cli } from './context';

type Out = { write(s: string): unknown; isTTY?: boolean };

export async function displayJSONMessages(cli: Cli, src: Readable, out: Out = cli.out): Promise<void> {
  const { readJSONStream, StreamError } = require('../client') as typeof import('../client');
  const tty = !!out.isTTY;
  let ids = new Map<string, number>();
  for await (const jm of readJSONStream<JSONMessage>(src)) {
    if (jm.error || jm.errorDetail) throw new StreamError(jm.errorDetail?.message || jm.error || 'unknown error');
    if (jm.aux !== undefined && jm.status === undefined) continue;
    const isProgress = jm.progressDetail !== undefined;
    if (!tty) {
      if (jm.progress || (jm.progressDetail && Object.keys(jm.progressDetail).length)) continue;
      const prefix = jm.id ? `${jm.id}: ` : '';
      if (jm.stream !== undefined && jm.stream !== '') {
        out.write(prefix + jm.stream);
        continue;
      }
      if (jm.status === undefined && !jm.id) continue;
      out.write(`${prefix}${jm.status ?? ''}\n`);
      continue;
    }
    let diff = 0;
    if (jm.id && isProgress) {
      let line = ids.get(jm.id);
      if (line === undefined) {
        line = ids.size;
        ids.set(jm.id, line);
        out.write('\n');
      }
      diff = ids.size - line;
      out.write(`\x1b[${diff}A`);
    } else {
      ids = new Map();
    }
    if (jm.stream !== undefined && jm.stream !== '') {
      out.write((jm.id ? `${jm.id}: ` : '') + jm.stream);
    } else if (isProgress) {
      out.write(`\x1b[2K\r${jm.id ? `${jm.id}: ` : ''}${jm.status ?? ''} ${jm.progress ?? ''}\r`);
    } else if (jm.status !== undefined || jm.id) {
      out.write(`${jm.id ? `${jm.id}: ` : ''}${jm.status ?? ''}\n`);
    }
    if (jm.id && isProgress) out.write(`\x1b[${diff}B`);
  }
}
