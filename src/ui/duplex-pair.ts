// Two connected in-memory streams: what one end writes, the other reads. The
// dashboard injects one end into the Engine API's http.Server as a connection
// (http.Server documents that any Duplex may be emitted as 'connection') and
// speaks HTTP over the other, so it reads the API's own streams in-process,
// without a socket of any kind. (node:stream's duplexPair is Node ≥ 22.6.)
import { Duplex } from 'node:stream';

class End extends Duplex {
  peer!: End;
  /** The peer's write, held until our reader wants more (backpressure). */
  blocked?: () => void;

  constructor() {
    super({ allowHalfOpen: true });
  }

  _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    if (this.peer.push(chunk)) done();
    else this.peer.blocked = done;
  }

  _final(done: () => void): void {
    this.peer.push(null);
    done();
  }

  _read(): void {
    const go = this.blocked;
    this.blocked = undefined;
    go?.();
  }

  _destroy(err: Error | null, done: (err: Error | null) => void): void {
    // Either end gone means the connection is gone: a socket closes both ways.
    if (!this.peer.destroyed) this.peer.destroy();
    done(err);
  }

  // net.Socket's knobs, which http's server and client may call: meaningless in memory.
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
}

export function duplexPair(): [Duplex, Duplex] {
  const a = new End();
  const b = new End();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
