// Docker's multiplexed stream framing for logs and attach without a TTY:
// an 8-byte header [stream (0 stdin, 1 stdout, 2 stderr), 0, 0, 0, size BE32] + data.
export function frame(stream: 0 | 1 | 2, data: Buffer): Buffer {
  return Buffer.concat([frameHeader(stream, data.length), data]);
}

/** The 8-byte header alone, for a writer that gathers frames into one buffer. */
export function frameHeader(stream: 0 | 1 | 2, size: number): Buffer {
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(size, 4);
  return head;
}
