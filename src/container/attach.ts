// POST /containers/{id}/attach: bridges the client's hijacked connection to
// conmon's attach socket. Without a TTY the output is framed in Docker's
// multiplexed format (8-byte header: stream, 0, 0, 0, big-endian size).
import type { Duplex } from 'node:stream';
import { frame } from '../util/stream-frame';
import { attachSocketPath } from '../runtime/conmon';
import { connectAttach, type AttachConnection } from '../runtime/attach';
import type { ContainerDeps } from './deps';
import { bundleDir } from './paths';
import { findContainer } from './resolve';
import type { ContainerRecord } from './types';

export interface AttachOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

/** Resolves the container first (so a 404 is answered before hijacking). */
export function prepareAttach(deps: ContainerDeps, ref: string): ContainerRecord {
  return findContainer(deps.table, ref);
}

export interface WireOptions extends AttachOptions {
  tty: boolean;
  /** Re-tell conmon that stdin ended when this client goes (StdinOnce). */
  stdinOnce: boolean;
}

/**
 * Joins a client's hijacked connection and a conmon attach connection:
 * output to the client (framed without a TTY), the client's bytes to stdin.
 * Calls onEnd once the process side closed.
 */
export function wire(conn: AttachConnection, socketPath: string, client: Duplex, opts: WireOptions, onEnd: () => void): void {
  conn.onOutput((stream, data) => {
    if ((stream === 1 && !opts.stdout) || (stream === 2 && !opts.stderr)) return;
    client.write(opts.tty ? data : frame(stream, data));
  });
  let ended = false;
  conn.onClose(() => {
    ended = true;
    onEnd();
    client.end();
  });
  if (opts.stdin) {
    client.on('data', (d: Buffer) => conn.writeStdin(d));
    client.on('end', () => conn.closeStdin());
  } else {
    client.on('data', () => {});
  }
  // The server pauses the socket while it reads the request body; flow now.
  client.resume();
  client.on('close', () => {
    if (!ended) conn.close();
    // conmon misses the end of stdin when the socket closes with stdin data
    // still buffered, so say it again on a fresh connection: its half-close
    // makes conmon close the process's stdin.
    if (opts.stdin && opts.stdinOnce) {
      connectAttach(socketPath)
        .then((c) => {
          c.closeStdin();
          setTimeout(() => c.close(), 200).unref();
        })
        .catch(() => {});
    }
  });
}

export function attachContainer(deps: ContainerDeps, rec: ContainerRecord, opts: AttachOptions, client: Duplex): void {
  let done = false;
  const bridge = async (socketPath: string) => {
    const conn = await connectAttach(socketPath);
    if (done) return conn.close();
    wire(conn, socketPath, client, { ...opts, tty: rec.config.Tty, stdinOnce: rec.config.StdinOnce }, () => (done = true));
  };
  client.on('error', () => {});
  client.on('close', () => (done = true));
  const live = deps.table.get(rec.id) ?? rec;
  if (live.state.Running) {
    bridge(attachSocketPath(bundleDir(deps.settings, rec.id))).catch(() => client.end());
  } else {
    // Not started yet: connect when start has created the process, before it runs.
    const cancel = deps.hub.addAttach(rec.id, bridge);
    client.on('close', cancel);
  }
  deps.events.emit('container', 'attach', rec.id, { image: rec.image, name: rec.name });
}
