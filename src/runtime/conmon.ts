// Starts one conmon per container. conmon runs `runc create` with the
// container's stdio on pipes it owns, writes the k8s-file log, serves the
// attach socket and the ctl fifo in the bundle, and writes the exit code to
// the exit directory — so a container keeps running, logging and reporting
// its exit while berthd is stopped. We talk to it over the sync pipe
// (_OCI_SYNCPIPE): one JSON line {"data": pid} or {"data": -1, "message": …}.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { system, invalidArgument } from '../errdefs';

export interface ConmonOptions {
  binary: string;
  runtimeBinary: string;
  runtimeRoot: string;
  exitDir: string;
  logLevel?: string;
}

export interface ConmonCreate {
  id: string;
  name: string;
  bundle: string;
  /** 'none' disables logging; otherwise a k8s-file path. */
  logPath: string | null;
  terminal: boolean;
  stdin: boolean;
  /** Keep stdin open when an attached client goes (OpenStdin without StdinOnce). */
  leaveStdinOpen: boolean;
}

export const attachSocketPath = (bundle: string): string => join(bundle, 'attach');
export const ctlPath = (bundle: string): string => join(bundle, 'ctl');
export const conmonPidPath = (bundle: string): string => join(bundle, 'conmon.pid');
export const containerPidPath = (bundle: string): string => join(bundle, 'pidfile');

/** runc's failure text, shaped like Docker's "OCI runtime create failed: …". */
function runtimeError(message: string): Error {
  const clean = message.replace(/^.*?level=error msg="?/s, '').replace(/"?\s*$/, '').replace(/\\"/g, '"').trim();
  const text = `failed to create task for container: OCI runtime create failed: ${clean}: unknown`;
  // Docker answers these as bad parameters (the CLI turns them into 126/127).
  if (/executable file not found|no such file or directory|permission denied|is a directory/.test(clean)) {
    return invalidArgument(text);
  }
  return system(text);
}

export async function conmonCreate(opts: ConmonOptions, c: ConmonCreate): Promise<number> {
  const args = [
    '--api-version', '1',
    '-c', c.id,
    '-u', c.id,
    '-n', c.name,
    '-r', opts.runtimeBinary,
    '--runtime-arg', `--root=${opts.runtimeRoot}`,
    '-b', c.bundle,
    '-p', containerPidPath(c.bundle),
    '-P', conmonPidPath(c.bundle),
    '--exit-dir', opts.exitDir,
    '--socket-dir-path', c.bundle,
    '--full-attach',
    '--log-level', opts.logLevel ?? 'error',
    '-l', c.logPath ? `k8s-file:${c.logPath}` : 'none:',
  ];
  if (c.terminal) args.push('-t');
  if (c.stdin) args.push('-i');
  if (c.leaveStdinOpen) args.push('--leave-stdin-open');

  const child = spawn(opts.binary, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, _OCI_SYNCPIPE: '3' },
    detached: true,
  });
  const stderr: Buffer[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d));
  const sync = child.stdio[3] as Readable;

  const result = await new Promise<{ data: number; message?: string }>((resolve, reject) => {
    let buf = '';
    const fail = (why: string) => reject(system(`conmon failed: ${why}`));
    sync.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        try {
          resolve(JSON.parse(buf.slice(0, nl)));
        } catch {
          fail(`bad sync message ${JSON.stringify(buf)}`);
        }
      }
    });
    sync.on('end', () => fail(Buffer.concat(stderr).toString().trim() || 'sync pipe closed before the container was created'));
    sync.on('error', (e) => fail(e.message));
    child.on('error', (e) => fail(e.message));
  });
  // conmon lives on after berthd; drop every tie to it.
  sync.destroy();
  child.stderr!.destroy();
  child.unref();
  if (result.data < 0) throw runtimeError(result.message ?? 'unknown error');
  return result.data;
}
