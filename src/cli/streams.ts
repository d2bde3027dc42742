// Terminal plumbing for run/start -a: copy a hijacked attach stream to our
// stdio (demultiplexed without a TTY, raw with one), stdin to the container,
// raw mode, window-size tracking and signal forwarding, as docker's
// hijackedIOStreamer, MonitorTtySize and ForwardAllSignals do.
import { spawnSync } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { Client, HijackedStream } from '../client';
import type { Cli } from './context';
import { DEFAULT_DETACH_KEYS, detachKeysToBytes, EscapeProxy } from '../api/types/detach-keys';

export interface AttachStreams {
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  /** "ctrl-p,ctrl-q" notation; watched for on a TTY's stdin */
  detachKeys?: string;
}

/** Copy raw output to `out` (not ending it); resolves when the source ends. */
function copyRaw(src: Readable, out: Writable | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      if (out && !out.write(chunk)) {
        src.pause();
        out.once('drain', () => src.resume());
      }
    };
    src.on('data', onData);
    src.once('end', resolve);
    src.once('close', resolve);
    src.once('error', reject);
  });
}

/**
 * Stream until the container's output ends. With `stdin`, our stdin is
 * forwarded (raw mode when it is a terminal and the container has a TTY) and
 * its end half-closes the connection so the container sees EOF. Resolves
 * "detached" when the user typed the detach keys (the container keeps running).
 */
export async function streamAttached(cli: Cli, h: HijackedStream, s: AttachStreams): Promise<'ended' | 'detached'> {
  const { demuxStream } = require('../client') as typeof import('../client');
  const input = cli.in;
  let restoreRaw: (() => void) | undefined;
  let detached = false;
  let onDetach: () => void = () => {};
  const detachedP = new Promise<void>((r) => (onDetach = r));
  let proxy: EscapeProxy | undefined;
  if (s.tty && s.stdin) {
    let keys: Buffer = DEFAULT_DETACH_KEYS;
    if (s.detachKeys) {
      try {
        keys = detachKeysToBytes(s.detachKeys);
      } catch (err) {
        cli.printErr(`invalid detach escape keys, using default: ${(err as Error).message}`);
      }
    }
    proxy = new EscapeProxy(keys);
  }
  const onData = (chunk: Buffer): void => {
    if (!proxy) {
      h.input.write(chunk);
      return;
    }
    const { forward, detach } = proxy.push(chunk);
    if (forward.length) h.input.write(forward);
    if (detach) {
      detached = true;
      onDetach();
    }
  };
  const onEnd = (): void => h.closeWrite();
  if (s.stdin) {
    if (s.tty && input.isTTY && input.setRawMode) {
      input.setRawMode(true);
      // libuv's raw mode keeps output post-processing (ONLCR), so the
      // container's "\r\n" would reach the screen as "\r\r\n"; docker's raw
      // mode (cfmakeraw) turns it off. setRawMode(false) restores the
      // termios libuv saved first, OPOST included.
      spawnSync('stty', ['-opost'], { stdio: [0, 'ignore', 'ignore'] });
      restoreRaw = () => input.setRawMode!(false);
    }
    input.on('data', onData);
    input.once('end', onEnd);
    input.resume();
  }
  try {
    const out = s.stdout ? (cli.out as Writable) : null;
    const err = s.stderr ? (cli.err as Writable) : null;
    const copying = s.tty ? copyRaw(h.output, out) : demuxStream(h.output, out, err);
    await Promise.race([copying, detachedP]);
    return detached ? 'detached' : 'ended';
  } finally {
    if (s.stdin) {
      input.off('data', onData);
      input.off('end', onEnd);
      input.pause();
    }
    restoreRaw?.();
  }
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];

/** --sig-proxy: pass our signals on to the container (as "INT", "TERM", ...). */
export function forwardSignals(client: Client, id: string): () => void {
  const handlers = FORWARDED.map((sig) => {
    const h = (): void => {
      client.containers.kill(id, sig.replace(/^SIG/, '')).catch(() => {
        // the container may be gone already
      });
    };
    process.on(sig, h);
    return [sig, h] as const;
  });
  return () => {
    for (const [sig, h] of handlers) process.off(sig, h);
  };
}

/**
 * Keep the container's TTY the size of our terminal: once now (retried a few
 * times, the process may not be ready yet) and on every SIGWINCH.
 */
export function monitorTtySize(
  cli: Cli,
  id: string,
  resizeTo: (h: number, w: number) => Promise<void> = (h, w) => cli.client().containers.resize(id, h, w),
): () => void {
  const out = cli.out as NodeJS.WriteStream;
  if (!out.isTTY) return () => {};
  const resize = async (): Promise<void> => {
    const h = out.rows ?? 0;
    const w = out.columns ?? 0;
    if (h === 0 && w === 0) return; // a terminal that does not know its size (docker skips it too)
    await resizeTo(h, w);
  };
  void (async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        await resize();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 10 * (attempt + 1)));
      }
    }
  })();
  const onResize = (): void => {
    resize().catch(() => {});
  };
  out.on('resize', onResize);
  return () => out.off('resize', onResize);
}

/** The size to create a TTY container with: [rows, cols] when stdout is a terminal. */
export function consoleSize(cli: Cli): [number, number] | undefined {
  const out = cli.out as NodeJS.WriteStream;
  return out.isTTY && out.rows && out.columns ? [out.rows, out.columns] : undefined;
}
