// Messages to conmon through its ctl fifo: one line "<type> <a> <b>";
// type 1 = resize the terminal (height, width), type 2 = reopen the log file
// (conmon creates a new empty file at the log path). The fifo is opened
// non-blocking: when conmon has just exited there is no reader, and a
// blocking open would hang berthd's whole event loop (found the hard way —
// the docker CLI sends a resize right as a short `run -it` exits).
import { constants, promises as fs } from 'node:fs';

async function send(ctlFifo: string, line: string): Promise<boolean> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(ctlFifo, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ENXIO: no reader (conmon gone); ENOENT: bundle already removed.
    if (code === 'ENXIO' || code === 'ENOENT') return false;
    throw e;
  }
  try {
    await fh.write(line);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPIPE' && code !== 'EAGAIN') throw e;
    return false;
  } finally {
    await fh.close();
  }
}

export async function resizeConsole(ctlFifo: string, height: number, width: number): Promise<void> {
  await send(ctlFifo, `1 ${height} ${width}\n`);
}

/** Asks conmon to start a fresh log file; false when conmon is not there to ask. */
export function reopenLog(ctlFifo: string): Promise<boolean> {
  return send(ctlFifo, '2 0 0\n');
}
