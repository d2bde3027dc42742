// `exec` through conmon (podman's way): conmon runs `runc exec --process`,
// owns the process's stdio and serves an attach socket in the exec's own
// directory. Three pipes order it: _OCI_STARTPIPE (we say go, twice: once to
// begin, once after we attached), _OCI_ATTACHPIPE (conmon says its socket is
// ready), _OCI_SYNCPIPE (conmon reports the pid, then the exit code).
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { join } from 'node:path';
import type { ConmonOptions } from './conmon';

export interface ExecSession {
  /** The exec's attach socket (SOCK_SEQPACKET), ready once `attachReady` resolves. */
  attachSocket: string;
  attachReady: Promise<void>;
  /** Let the process run (after attaching). */
  go(): void;
  /** The process's pid once runc exec has started it; rejects with runc's message. */
  pid: Promise<number>;
  /** Its exit code. */
  exit: Promise<number>;
}

function jsonLines(stream: Readable, onMessage: (m: { data: number; message?: string }) => void, onEnd: () => void): void {
  let buf = '';
  stream.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try {
        onMessage(JSON.parse(line));
      } catch {
        /* not a message */
      }
    }
  });
  stream.on('end', onEnd);
  stream.on('error', onEnd);
}

export function conmonExec(
  opts: ConmonOptions,
  e: { containerId: string; execId: string; dir: string; processSpec: string; terminal: boolean; stdin: boolean },
): ExecSession {
  const args = [
    '--api-version', '1',
    '-c', e.containerId,
    '-u', e.execId,
    '-r', opts.runtimeBinary,
    '--runtime-arg', `--root=${opts.runtimeRoot}`,
    '-b', e.dir,
    '-p', join(e.dir, 'pidfile'),
    '--exit-dir', join(e.dir, 'exits'),
    '--socket-dir-path', e.dir,
    '--full-attach',
    '--log-level', opts.logLevel ?? 'error',
    '-l', 'none:',
    '-e',
    '--exec-attach',
    '--exec-process-spec', e.processSpec,
  ];
  if (e.terminal) args.push('-t');
  if (e.stdin) args.push('-i');
  const child = spawn(opts.binary, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, _OCI_SYNCPIPE: '3', _OCI_STARTPIPE: '4', _OCI_ATTACHPIPE: '5' },
    detached: true,
  });
  const fds = child.stdio as unknown as (Readable | Writable)[];
  const sync = fds[3] as Readable;
  const start = fds[4] as Writable;
  const attach = fds[5] as Readable;
  const stderr: Buffer[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d));
  child.on('error', () => {});
  start.on('error', () => {});

  let resolvePid!: (n: number) => void;
  let rejectPid!: (e: Error) => void;
  let resolveExit!: (n: number) => void;
  const pid = new Promise<number>((res, rej) => ((resolvePid = res), (rejectPid = rej)));
  const exit = new Promise<number>((res) => (resolveExit = res));
  pid.catch(() => {});
  let gotPid = false;
  jsonLines(
    sync,
    (m) => {
      if (!gotPid) {
        gotPid = true;
        if (m.data < 0) {
          rejectPid(new Error((m.message ?? 'exec failed').replace(/^.*?msg="?/s, '').replace(/"?\s*$/, '').replace(/\\"/g, '"')));
          resolveExit(-1);
        } else resolvePid(m.data);
      } else {
        resolveExit(m.data);
        sync.destroy();
      }
    },
    () => {
      if (!gotPid) rejectPid(new Error(Buffer.concat(stderr).toString().trim() || 'conmon ended before the exec started'));
      resolveExit(-1);
    },
  );
  const attachReady = new Promise<void>((resolve, reject) => {
    jsonLines(attach, () => resolve(), () => reject(new Error(Buffer.concat(stderr).toString().trim() || 'conmon exec did not open its attach socket')));
  });
  attachReady.catch(() => {});
  // First go: conmon forks and prepares; the second (go()) lets runc exec run.
  start.write('0\n');
  void exit.finally(() => {
    child.stderr?.destroy();
    child.unref();
  });
  return {
    attachSocket: join(e.dir, 'attach'),
    attachReady,
    go: () => {
      start.write('0\n');
      start.end();
    },
    pid,
    exit,
  };
}
