// Showing a JSON progress stream (import, pull) as docker's jsonmessage
// display does for a non-terminal: one line per status, progress bars
// skipped, the first `error` ends the stream as a failure.
import type { Readable } from 'node:stream';
import type { JSONMessage } from '../api/types';
import type { Cli } from './context';

export async function displayJSONMessages(cli: Cli, src: Readable, out: { write(s: string): unknown } = cli.out): Promise<void> {
  const { readJSONStream, StreamError } = require('../client') as typeof import('../client');
  for await (const jm of readJSONStream<JSONMessage>(src)) {
    if (jm.error || jm.errorDetail) throw new StreamError(jm.errorDetail?.message || jm.error || 'unknown error');
    if (jm.progress || (jm.progressDetail && Object.keys(jm.progressDetail).length)) continue;
    let line = '';
    if (jm.id) line += `${jm.id}: `;
    if (jm.stream !== undefined && jm.stream !== '') {
      out.write(line + jm.stream);
      continue;
    }
    if (jm.status === undefined && !jm.id) continue; // aux-only messages
    out.write(`${line}${jm.status ?? ''}\n`);
  }
}
