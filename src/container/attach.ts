// POST /containers/{id}/attach: bridges the client's hijacked connection to
// conmon's attach socket. Without a TTY the output is framed in Docker's
// multiplexed format (8-byte header: stream, 0, 0, 0, big-endian size).
import type { Duplex } from 'node:stream';
import { DEFAULT_DETACH_KEYS, detachKeysToBytes, EscapeProxy } from '../api/types/detach-keys';
import { invalidArgument } from '../errdefs';
import { frame } from '../util/stream-frame';
import { drainOrClose } from '../util/drain';
import { attachSocketPath } from '../runtime/conmon';
import { connectAttach, type AttachConnection } from '../runtime/attach';
import type { ContainerDeps } from './deps';
import { bundleDir } from './paths';
import { findContainer } from './resolve';
import type { ContainerRecord } from './types';
import { emitContainer } from './events';
import { prepareLogs } from './logs';

export interface AttachOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  /** The API's detachKeys ("ctrl-p,ctrl-q" notation); default ctrl-p,ctrl-q. */
  detachKeys?: string;
  /** Replay what the container has logged so far first (the log file, as `logs` reads it). */
  logs?: boolean;
  /** Then stay attached to the live streams; without it the answer ends after the replay (the API's default). */
  stream?: boolean;
  /** Never frame the output, TTY or not (attach/ws: stdout and stderr go out as they come). */
  raw?: boolean;
}

/** Resolves the container first (so a 404 is answered before hijacking). */
export function prepareAttach(deps: ContainerDeps, ref: string, opts?: { detachKeys?: string }): ContainerRecord {
  parseDetachKeys(opts?.detachKeys);
  return findContainer(deps.table, ref);
}

/** Docker's "Invalid detach keys" as a 400; empty means the default. */
export function parseDetachKeys(keys: string | undefined): Buffer {
  if (!keys) return DEFAULT_DETACH_KEYS;
  try {
    return detachKeysToBytes(keys);
  } catch {
    throw invalidArgument(`Invalid detach keys (${keys}) provided`);
  }
}

export interface WireOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
  /** Frame the output (8-byte headers); default: when there is no TTY. */
  framed?: boolean;
  /** Re-tell conmon that stdin ended when this client goes (StdinOnce). */
  stdinOnce: boolean;
  /** With a TTY, this sequence on stdin detaches the client (the process runs on). */
  detachKeys: Buffer;
  /**
   * End the client's stream only once this settles: an exec's client asks
   * for the exit code (GET /exec/{id}/json) as soon as its stream ends, so
   * the code must be recorded by then.
   */
  holdEndUntil?: Promise<unknown>;
}

/**
 * Joins a client's hijacked connection and a conmon attach connection:
 * output to the client (framed without a TTY), the client's bytes to stdin.
 * Calls onEnd once the process side closed.
 */
export function wire(conn: AttachConnection, socketPath: string, client: Duplex, opts: WireOptions, onEnd: () => void): void {
  // A client gone mid-write (EPIPE, ECONNRESET) shows as its close; the error is not ours to throw.
  client.on('error', () => {});
  const framed = opts.framed ?? !opts.tty;
  conn.onOutput((stream, data) => {
    if ((stream === 1 && !opts.stdout) || (stream === 2 && !opts.stderr)) return;
    client.write(framed ? frame(stream, data) : data);
  });
  let ended = false;
  conn.onClose(() => {
    ended = true;
    onEnd();
    if (opts.holdEndUntil) void opts.holdEndUntil.finally(() => client.end());
    else client.end();
  });
  let detached = false;
  if (opts.stdin) {
    const escape = opts.tty ? new EscapeProxy(opts.detachKeys) : null;
    client.on('data', (d: Buffer) => {
      if (detached) return;
      if (!escape) return conn.writeStdin(d);
      const { forward, detach } = escape.push(d);
      if (forward.length) conn.writeStdin(forward);
      if (detach) {
        // Like dockerd: the client goes, stdin stays open for the next one.
        detached = true;
        ended = true;
        conn.close();
        client.end();
      }
    });
    client.on('end', () => {
      if (!detached) conn.closeStdin();
    });
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
    if (opts.stdin && opts.stdinOnce && !detached) {
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
  client.on('error', () => {});
  const then = () => {
    if (opts.stream !== false) return attachLive(deps, rec, opts, client);
    // No stream asked for: dockerd answers with the replay (if any) and ends.
    emitContainer(deps, rec, 'attach');
    client.resume();
    client.end();
  };
  // Without a replay the live attach is set up at once: a `run` attaches before it starts.
  if (!opts.logs) return then();
  void replayLogs(deps, rec, opts, client).then(then);
}

/** How long the replay waits after the hijacked response's head. */
const REPLAY_AFTER_HEAD_MS = 25;

/** logs=1: what the log file holds, framed as the live output would be, on the selected streams. */
async function replayLogs(deps: ContainerDeps, rec: ContainerRecord, opts: AttachOptions, client: Duplex): Promise<void> {
  if (!opts.stdout && !opts.stderr) return;
  // docker-py reads the response head through a buffered reader, then the
  // frames from the raw socket under it: bytes that arrive with the head
  // land in that buffer and are never seen (attach(logs=True) came back
  // empty about one time in four). The head goes out first, on its own.
  await new Promise((resolve) => setTimeout(resolve, REPLAY_AFTER_HEAD_MS));
  let closed = false;
  const closers: (() => void)[] = [];
  client.on('close', () => {
    closed = true;
    for (const c of closers) c();
  });
  try {
    const { run } = prepareLogs(deps, rec.id, { stdout: opts.stdout, stderr: opts.stderr, follow: false, timestamps: false, details: false });
    await run({
      write: (stream, data) => client.write(rec.config.Tty || opts.raw ? data : frame(stream === 'stdout' ? 1 : 2, data)),
      // a client behind on a long log holds the reader back instead of the whole file in memory
      flush: () => (client.writableNeedDrain && !closed ? drainOrClose(client) : undefined),
      closed: () => closed,
      onClose: (cb) => (closed ? cb() : closers.push(cb)),
    });
  } catch {
    // A driver that cannot be read (none) replays nothing; the live part still works, as with dockerd.
  }
}

function attachLive(deps: ContainerDeps, rec: ContainerRecord, opts: AttachOptions, client: Duplex): void {
  let done = false;
  const bridge = async (socketPath: string) => {
    const conn = await connectAttach(socketPath);
    if (done) return conn.close();
    const tty = rec.config.Tty;
    const wireOpts = { stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, tty, framed: opts.raw ? false : undefined, stdinOnce: rec.config.StdinOnce && !tty };
    wire(conn, socketPath, client, { ...wireOpts, detachKeys: parseDetachKeys(opts.detachKeys) }, () => (done = true));
  };
  client.on('close', () => (done = true));
  const live = deps.table.get(rec.id) ?? rec;
  if (live.state.Running) {
    bridge(attachSocketPath(bundleDir(deps.settings, rec.id))).catch(() => client.end());
  } else {
    // Not started yet: connect when start has created the process, before it runs.
    const cancel = deps.hub.addAttach(rec.id, bridge);
    client.on('close', cancel);
  }
  emitContainer(deps, rec, 'attach');
}
