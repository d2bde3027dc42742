// Window size changes go to conmon through its ctl fifo: one line
// "<type> <height> <width>", type 1 = resize. The fifo is opened
// non-blocking: when conmon has just exited there is no reader, and a
// blocking open would hang berthd's whole event loop (found the hard way —
// the docker CLI sends a resize right as a short `run -it` exits).
import { constants, promises as fs } from 'node:fs';

export async function resizeConsole(ctlFifo: string, height: number, width: number): Promise<void> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(ctlFifo, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ENXIO: no reader (conmon gone); ENOENT: bundle already removed.
    if (code === 'ENXIO' || code === 'ENOENT') return;
    throw e;
  }
  try {
    await fh.write(`1 ${height} ${width}\n`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE' && (e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
  } finally {
    await fh.close();
  }
}
