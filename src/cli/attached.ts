// The attached half of `run` and `start -a`: attach before start, register
// the wait before start, start, stream until the output ends, then return
// the container's exit status — docker's runContainer/RunStart order, so no
// output and no exit is missed however fast the container is.
import type { HijackedStream } from '../client';
import type { Cli } from './context';
import { errorText } from './errors';
import { forwardSignals, monitorTtySize, streamAttached, type AttachStreams } from './streams';

export interface AttachedRunOptions extends AttachStreams {
  detachKeys?: string;
  /** wait for removal (--rm / AutoRemove) instead of the next exit */
  autoRemove: boolean;
  sigProxy: boolean;
  /** how to turn a failed start into the error to throw */
  startError: (err: unknown) => Error;
}

/** If the daemon does not send the wait's head at once, start anyway after this long. */
const WAIT_REGISTER_GRACE_MS = 500;

export async function startAttached(cli: Cli, id: string, o: AttachedRunOptions): Promise<number> {
  const client = cli.client();
  const stopSignals = o.sigProxy && !o.tty ? forwardSignals(client, id) : () => {};
  let hijacked: HijackedStream | undefined;
  let stopResize = (): void => {};
  try {
    if (o.stdin || o.stdout || o.stderr) {
      hijacked = await client.containers.attach(id, {
        stream: true,
        stdin: o.stdin,
        stdout: o.stdout,
        stderr: o.stderr,
        detachKeys: o.detachKeys,
      });
    }
    const abort = new AbortController();
    const waiting = client.containers.waitStarted(id, o.autoRemove ? 'removed' : 'next-exit', abort.signal);
    const status = waiting
      .then((w) => w.result)
      .then(
        (r) => {
          if (r.Error?.Message) {
            cli.printErr(`Error waiting for container: ${r.Error.Message}`);
            return 125;
          }
          return r.StatusCode;
        },
        (err) => {
          if (abort.signal.aborted) return 125;
          cli.printErr(`error waiting for container: ${errorText(err)}`);
          return 125;
        },
      );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      waiting.then(
        () => undefined,
        () => undefined,
      ),
      new Promise((r) => (timer = setTimeout(r, WAIT_REGISTER_GRACE_MS))),
    ]);
    clearTimeout(timer);

    try {
      await client.containers.start(id);
    } catch (err) {
      hijacked?.close();
      abort.abort();
      throw o.startError(err);
    }
    if (o.tty) stopResize = monitorTtySize(cli, id);
    if (hijacked && (await streamAttached(cli, hijacked, o)) === 'detached') {
      abort.abort(); // the container keeps running; docker exits 0 here
      return 0;
    }
    return await status;
  } finally {
    stopResize();
    stopSignals();
    hijacked?.close();
  }
}
