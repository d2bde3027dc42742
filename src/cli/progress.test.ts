import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { Cli } from './context';
import { displayJSONMessages } from './progress';

const stream = (msgs: object[]) => Readable.from([msgs.map((m) => JSON.stringify(m)).join('\r\n') + '\r\n']);
const msgs = [
  { status: 'Pulling from x', id: 'latest' },
  { status: 'Pulling fs layer', progressDetail: {}, id: 'aaa' },
  { status: 'Pulling fs layer', progressDetail: {}, id: 'bbb' },
  { status: 'Downloading', progressDetail: { current: 1, total: 2 }, progress: '[=>  ] 1B/2B', id: 'aaa' },
  { status: 'Pull complete', progressDetail: {}, id: 'aaa' },
  { status: 'Digest: sha256:x' },
  { progressDetail: {}, aux: { Tag: 'x' } },
];

test('not a terminal: one line per status, bars skipped, aux hidden', async () => {
  let out = '';
  await displayJSONMessages(new Cli({}), stream(msgs), { write: (s: string) => (out += s) });
  assert.equal(out, 'latest: Pulling from x\naaa: Pulling fs layer\nbbb: Pulling fs layer\naaa: Pull complete\nDigest: sha256:x\n');
});

test('a terminal: a line per layer, rewritten in place', async () => {
  let out = '';
  await displayJSONMessages(new Cli({}), stream(msgs), { isTTY: true, write: (s: string) => (out += s) });
  assert.equal(
    out,
    'latest: Pulling from x\n' +
      '\n\x1b[1A\x1b[2K\raaa: Pulling fs layer \r\x1b[1B' +
      '\n\x1b[1A\x1b[2K\rbbb: Pulling fs layer \r\x1b[1B' +
      '\x1b[2A\x1b[2K\raaa: Downloading [=>  ] 1B/2B\r\x1b[2B' +
      '\x1b[2A\x1b[2K\raaa: Pull complete \r\x1b[2B' +
      'Digest: sha256:x\n',
  );
});

test('an error message fails the stream', async () => {
  await assert.rejects(displayJSONMessages(new Cli({}), stream([{ errorDetail: { message: 'boom' }, error: 'boom' }]), { write: () => true }), /boom/);
});
