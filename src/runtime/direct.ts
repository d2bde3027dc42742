// The two runc verbs of every container's life that are plain file
// operations, done in-process: each `runc` invocation costs a Go start-up
// (5–8 ms here), which is a tenth of a `run --rm`. Both follow runc 1.1's
// libcontainer exactly and step aside to the runc binary whenever the state
// is not the plain case they handle (other runtimes, processes left over).
//
// start: a created container's init blocks opening `<root>/<id>/exec.fifo`
// for writing; `runc start` opens it for reading, reads the byte init writes
// before it execs the user's program, and removes the fifo (whose absence is
// how runc tells "running" from "created").
//
// delete of a stopped container: rmdir of its cgroups (runc records their
// paths in state.json) and removal of its state directory.
import { constants, existsSync, openSync, closeSync, promises as fsp, readFileSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { system } from '../errdefs';

/** Whether a process with this pid and start time (field 22 of /proc/pid/stat) still exists and is not a zombie. */
export function processAlive(pid: number, startTime?: number): boolean {
  if (!pid) return false;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // comm may hold spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return false;
  return startTime === undefined || Number(fields[19]) === startTime;
}

/**
 * Releases a created container's init. Returns false when there is no exec
 * fifo to open (not runc's layout, or already started): the caller then runs
 * `runc start`, which says what is wrong in runc's words.
 */
export async function startCreated(stateDir: string, initPid: number): Promise<boolean> {
  const fifo = join(stateDir, 'exec.fifo');
  if (!existsSync(fifo)) return false;
  // The open blocks (on a libuv worker) until init opens its end. Should
  // init die first, nobody ever would: a watchdog then opens the write end
  // itself, which ends the wait with nothing to read.
  const watchdog = setInterval(() => {
    if (processAlive(initPid)) return;
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader yet: the next tick tries again
    }
  }, 100);
  let data: Buffer;
  try {
    const fh = await fsp.open(fifo, constants.O_RDONLY);
    try {
      // init writes one byte, then execs; its end closes on exec (O_CLOEXEC), which is our EOF.
      data = await fh.readFile();
    } finally {
      await fh.close();
    }
  } finally {
    clearInterval(watchdog);
  }
  if (data.length === 0) throw system('runc start failed: container process is already dead');
  rmSync(fifo, { force: true });
  return true;
}

interface RuncStateFile {
  init_process_pid?: number;
  init_process_start?: number;
  cgroup_paths?: Record<string, string>;
}

/**
 * Removes a stopped container's cgroups and runc state. Returns false, having
 * changed nothing but empty cgroups, when this is not the plain case: no
 * state.json, the init still alive, or a cgroup that still holds processes
 * (a shared PID namespace) — `runc delete --force` is then the one to act.
 */
export function deleteStopped(stateDir: string): boolean {
  let state: RuncStateFile;
  try {
    state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as RuncStateFile;
  } catch {
    return false;
  }
  if (processAlive(state.init_process_pid ?? 0, state.init_process_start)) return false;
  // cpu and cpuacct are often one directory under two names: the second rmdir finds it gone.
  for (const dir of new Set(Object.values(state.cgroup_paths ?? {}))) {
    try {
      rmdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    }
  }
  rmSync(stateDir, { recursive: true, force: true });
  return true;
}
