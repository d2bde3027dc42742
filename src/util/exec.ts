// Run a helper program (mknod, setfattr, mount, sync …) without a shell and
// turn a failure into a System error that names the command and its stderr.
import { execFile } from 'node:child_process';
import { system } from '../errdefs';

export interface ExecResult {
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], opts: { cwd?: string } = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: opts.cwd, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException;
        const why =
          e.code === 'ENOENT'
            ? `${cmd} is not installed`
            : `${cmd} ${args.join(' ')}: ${String(stderr).trim() || e.message}`;
        reject(system(why, err));
        return;
      }
      resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** syncfs(2) on the filesystem holding `dir` (node has no binding; coreutils' sync -f does it). */
export async function syncFs(dir: string): Promise<void> {
  await run('sync', ['-f', dir]);
}
