import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import { Demuxer, demuxStream, encodeFrame } from './demux';

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString() };
}

test('demuxer: whole frames in one chunk', () => {
  const d = new Demuxer();
  const frames = d.push(Buffer.concat([encodeFrame(1, 'out\n'), encodeFrame(2, 'err\n')]));
  assert.deepEqual(
    frames.map((f) => [f.stream, f.payload.toString()]),
    [
      [1, 'out\n'],
      [2, 'err\n'],
    ],
  );
  assert.equal(d.pending, 0);
});

test('demuxer: a frame split at every byte boundary', () => {
  const all = Buffer.concat([encodeFrame(1, 'hello'), encodeFrame(2, ''), encodeFrame(1, 'world!')]);
  for (let cut = 0; cut <= all.length; cut++) {
    const d = new Demuxer();
    const frames = [...d.push(all.subarray(0, cut)), ...d.push(all.subarray(cut))];
    assert.deepEqual(
      frames.map((f) => [f.stream, f.payload.toString()]),
      [
        [1, 'hello'],
        [2, ''],
        [1, 'world!'],
      ],
      `cut at ${cut}`,
    );
  }
});

test('demuxer: header says the size big-endian in bytes 4..7', () => {
  const f = encodeFrame(2, Buffer.alloc(300, 0x61));
  assert.deepEqual([...f.subarray(0, 8)], [2, 0, 0, 0, 0, 0, 1, 44]);
  const d = new Demuxer();
  assert.equal(d.push(f.subarray(0, 100)).length, 0);
  assert.equal(d.pending, 100);
  const [frame] = d.push(f.subarray(100));
  assert.equal(frame.payload.length, 300);
});

test('demuxer: an unknown stream byte is an error', () => {
  const bad = encodeFrame(1, 'x');
  bad[0] = 7;
  assert.throws(() => new Demuxer().push(bad), /Unrecognized input header: 7/);
});

test('demuxStream: stdout and stderr go to their writers', async () => {
  const src = new PassThrough();
  const out = collector();
  const err = collector();
  const done = demuxStream(src, out.stream, err.stream);
  src.write(encodeFrame(1, 'a'));
  src.write(Buffer.concat([encodeFrame(2, 'b'), encodeFrame(1, 'c')]).subarray(0, 5));
  src.end(Buffer.concat([encodeFrame(2, 'b'), encodeFrame(1, 'c')]).subarray(5));
  await done;
  assert.equal(out.text(), 'ac');
  assert.equal(err.text(), 'b');
});

test('demuxStream: a null writer drops that stream', async () => {
  const src = new PassThrough();
  const out = collector();
  const done = demuxStream(src, out.stream, null);
  src.end(Buffer.concat([encodeFrame(2, 'dropped'), encodeFrame(1, 'kept')]));
  await done;
  assert.equal(out.text(), 'kept');
});

test('demuxStream: a Systemerr frame rejects with its message', async () => {
  const src = new PassThrough();
  const done = demuxStream(src, null, null);
  src.end(encodeFrame(3, 'container went away'));
  await assert.rejects(done, /container went away/);
});
