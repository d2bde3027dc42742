// Client side of conmon's attach socket (SOCK_SEQPACKET, which node's net
// cannot open, hence node-unix-socket). Each packet from conmon is one byte of
// conmon's pipe type (2 stdout, 3 stderr: enum pipe_type in conmon's utils.h,
// 0 no pipe, 1 stdin) followed by the data; what we write is stdin.
// Loaded on the first attach: the addon and its libraries are 3 MiB of an
// idle berthd's RSS (issue 20's idle memory), and most daemons run for a
// while before anything attaches.
type Seqpacket = typeof import('node-unix-socket').SeqpacketSocket;
let Seqpacket: Seqpacket | undefined;

/**
 * conmon reads each packet into a 32 KiB buffer (CONN_SOCK_BUF_SIZE) and a
 * SOCK_SEQPACKET read drops what does not fit, so stdin goes in packets no
 * larger than that.
 */
const MAX_PACKET = 32 * 1024;

export interface AttachConnection {
  onOutput(cb: (stream: 1 | 2, data: Buffer) => void): void;
  onClose(cb: () => void): void;
  writeStdin(data: Buffer): void;
  /** Half-close: conmon closes the container's stdin unless told to leave it open. */
  closeStdin(): void;
  close(): void;
}

export function connectAttach(socketPath: string): Promise<AttachConnection> {
  return new Promise((resolve, reject) => {
    Seqpacket ??= (require('node-unix-socket') as typeof import('node-unix-socket')).SeqpacketSocket;
    const sock = new Seqpacket();
    let closed = false;
    const closeCbs: (() => void)[] = [];
    const outCbs: ((s: 1 | 2, d: Buffer) => void)[] = [];
    const fireClose = () => {
      if (closed) return;
      closed = true;
      for (const cb of closeCbs) cb();
    };
    sock.on('data', (buf: Buffer) => {
      if (buf.length < 1) return;
      const stream = buf[0] === 3 ? 2 : 1;
      const data = buf.subarray(1);
      for (const cb of outCbs) cb(stream, data);
    });
    sock.on('end', fireClose);
    sock.on('close', fireClose);
    sock.on('error', (err: Error) => {
      if (!connected) reject(err);
      fireClose();
    });
    let connected = false;
    try {
      sock.connect(socketPath, () => {
        connected = true;
        resolve({
          onOutput: (cb) => outCbs.push(cb),
          onClose: (cb) => (closed ? cb() : closeCbs.push(cb)),
          writeStdin: (data) => {
            for (let off = 0; off < data.length && !closed; off += MAX_PACKET) {
              sock.write(data.subarray(off, off + MAX_PACKET));
            }
          },
          closeStdin: () => {
            if (!closed) sock.end();
          },
          close: () => {
            sock.destroy();
            fireClose();
          },
        });
      });
    } catch (err) {
      reject(err);
    }
  });
}
