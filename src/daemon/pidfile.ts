// dockerd's pidfile rule: refuse to start while another live process owns it.
import { readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export function takePidfile(path: string): () => void {
  try {
    const pid = parseInt(readFileSync(path, 'utf8'), 10);
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new Error(`process with PID ${pid} is still running; pid file found, ensure berthd is not running or delete ${path}`);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}
