// Exec sessions: POST /containers/{id}/exec, /exec/{id}/start, /exec/{id}/json.
// Like dockerd, sessions live in memory only (they die with the process they
// ran); the process itself runs under its own conmon.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { conflict, invalidArgument, notFound } from '../errdefs';
import { connectAttach } from '../runtime/attach';
import { conmonExec } from '../runtime/conmon-exec';
import { resizeConsole } from '../runtime/ctl';
import { frame } from '../util/stream-frame';
import { parseDetachKeys, wire } from './attach';
import type { ContainerDeps } from './deps';
import { bundleDir, rootfsDir } from './paths';
import { findContainer } from './resolve';
import { consoleSize } from './spec-input';
import { resolveUser } from './user';
import { emitContainer } from './events';

export interface ExecConfig {
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  Tty?: boolean;
  Cmd?: string[];
  Env?: string[] | null;
  WorkingDir?: string;
  User?: string;
  Privileged?: boolean;
  DetachKeys?: string;
  ConsoleSize?: [number, number] | null;
}

/** What POST /exec/{id}/start may add. */
export interface ExecStartOptions {
  ConsoleSize?: [number, number] | null;
  /**
   * The start request's Tty: without it the output is framed even for an
   * exec made with a TTY (dockerd frames by the start request; docker-py's
   * exec_start sends Tty false and demultiplexes).
   */
  Tty?: boolean;
}

interface ExecSessionRecord {
  id: string;
  containerId: string;
  config: ExecConfig;
  running: boolean;
  exitCode: number | null;
  pid: number;
  started: boolean;
}

const sessions = new Map<string, ExecSessionRecord>();

export function createExec(deps: ContainerDeps, ref: string, body: ExecConfig | undefined): { Id: string } {
  const rec = findContainer(deps.table, ref);
  if (!body?.Cmd?.length) throw invalidArgument('No exec command specified');
  parseDetachKeys(body.DetachKeys);
  if (!rec.state.Running) throw conflict(`container ${rec.id} is not running`);
  if (rec.state.Paused) throw conflict(`container ${rec.id} is paused, unpause the container before exec`);
  if (rec.state.Restarting) throw conflict(`container ${rec.id} is restarting, wait until the container is running`);
  const id = randomBytes(32).toString('hex');
  sessions.set(id, { id, containerId: rec.id, config: body, running: false, exitCode: null, pid: 0, started: false });
  emitContainer(deps, rec, `exec_create: ${body.Cmd.join(' ')}`, { execID: id });
  return { Id: id };
}

function session(id: string): ExecSessionRecord {
  const s = sessions.get(id);
  if (!s) throw notFound(`No such exec instance: ${id}`);
  return s;
}

function mergeEnv(base: string[], extra: string[] | null | undefined): string[] {
  const out = new Map<string, string>();
  for (const e of [...base, ...(extra ?? [])]) out.set(e.split('=')[0], e);
  return [...out.values()];
}

/** Validates now (404/409 before a hijack); the returned function runs it. */
export function prepareExecStart(deps: ContainerDeps, execId: string, opts: ExecStartOptions = {}): (client: Duplex | null) => Promise<void> {
  const s = session(execId);
  if (s.started) throw conflict(`Error: Exec command ${execId} has already run`);
  const rec = findContainer(deps.table, s.containerId);
  if (!rec.state.Running) throw conflict(`container ${rec.id} is not running`);
  s.started = true;
  return async (client) => {
    const cfg = s.config;
    const spec = JSON.parse(readFileSync(join(bundleDir(deps.settings, rec.id), 'config.json'), 'utf8'));
    const proc = spec.process;
    proc.args = cfg.Cmd;
    proc.terminal = !!cfg.Tty;
    const size = cfg.Tty ? consoleSize(opts.ConsoleSize ?? cfg.ConsoleSize) : undefined;
    if (size) proc.consoleSize = size;
    else delete proc.consoleSize;
    proc.env = mergeEnv(proc.env, cfg.Env);
    if (cfg.Tty && !proc.env.some((e: string) => e.startsWith('TERM='))) proc.env.push('TERM=xterm');
    if (cfg.WorkingDir) proc.cwd = cfg.WorkingDir;
    if (cfg.User) {
      const u = resolveUser(rootfsDir(deps.settings, rec.id), cfg.User);
      proc.user = { uid: u.uid, gid: u.gid, additionalGids: u.additionalGids.length ? u.additionalGids : undefined };
      // HOME in the spec is the container user's; another exec user gets its own (runc's rule), unless someone set HOME.
      const setHome = (env: string[] | null | undefined) => (env ?? []).some((e) => e.startsWith('HOME='));
      if (!setHome(rec.config.Env) && !setHome(cfg.Env)) proc.env = mergeEnv(proc.env, [`HOME=${u.home || '/'}`]);
    }
    if (cfg.Privileged) {
      const all = deps.settings.hostBoundingCaps;
      proc.capabilities = { bounding: all, effective: all, permitted: all };
    }
    delete proc.rlimits;
    const dir = join(deps.settings.execRoot, 'exec', execId);
    mkdirSync(join(dir, 'exits'), { recursive: true });
    const specPath = join(dir, 'process.json');
    writeFileSync(specPath, JSON.stringify(proc));
    const attachStdin = !!cfg.AttachStdin && !!client;
    const exec = conmonExec(deps.conmon, {
      containerId: rec.id,
      execId,
      dir,
      processSpec: specPath,
      terminal: !!cfg.Tty,
      stdin: attachStdin,
    });
    s.running = true;
    let finished = (): void => {};
    const recorded = new Promise<void>((r) => (finished = r));
    emitContainer(deps, rec, `exec_start: ${cfg.Cmd!.join(' ')}`, { execID: execId });
    try {
      await exec.attachReady;
      if (client) {
        const conn = await connectAttach(exec.attachSocket);
        wire(
          conn,
          exec.attachSocket,
          client,
          {
            stdin: attachStdin,
            stdout: cfg.AttachStdout !== false,
            stderr: cfg.AttachStderr !== false,
            tty: !!cfg.Tty,
            framed: !opts.Tty,
            stdinOnce: true,
            detachKeys: parseDetachKeys(cfg.DetachKeys),
            holdEndUntil: recorded,
          },
          () => {},
        );
      }
      exec.go();
      s.pid = await exec.pid;
      s.exitCode = await exec.exit;
    } catch (err) {
      const msg = `OCI runtime exec failed: ${(err as Error).message}: unknown`;
      s.exitCode = /executable file not found|no such file or directory/.test(msg) ? 127 : 126;
      if (client) {
        client.write(opts.Tty ? Buffer.from(msg + '\r\n') : frame(1, Buffer.from(msg + '\n')));
        client.end();
      }
    } finally {
      s.running = false;
      s.pid = 0;
      finished();
      rmSync(dir, { recursive: true, force: true });
      emitContainer(deps, rec, 'exec_die', { execID: execId, exitCode: String(s.exitCode) });
      // Keep finished sessions inspectable for a while, as dockerd does.
      setTimeout(() => sessions.delete(execId), 5 * 60_000).unref();
    }
  };
}

export function inspectExec(deps: ContainerDeps, execId: string): Record<string, unknown> {
  const s = session(execId);
  const c = s.config;
  return {
    ID: s.id,
    Running: s.running,
    ExitCode: s.exitCode,
    ProcessConfig: { tty: !!c.Tty, entrypoint: c.Cmd?.[0] ?? '', arguments: c.Cmd?.slice(1) ?? [], privileged: !!c.Privileged, user: c.User ?? '' },
    OpenStdin: !!c.AttachStdin,
    OpenStderr: !!c.AttachStderr,
    OpenStdout: !!c.AttachStdout,
    CanRemove: false,
    ContainerID: s.containerId,
    // dockerd keeps the parsed key bytes ([]byte), which JSON carries as base64; none is ''.
    DetachKeys: c.DetachKeys ? parseDetachKeys(c.DetachKeys).toString('base64') : '',
    Pid: s.pid,
  };
}

export async function resizeExec(deps: ContainerDeps, execId: string, h: number, w: number): Promise<void> {
  const s = session(execId);
  if (!s.running) throw conflict(`exec ${execId} is not running`);
  if (!s.config.Tty) return;
  await resizeConsole(join(deps.settings.execRoot, 'exec', execId, 'ctl'), h, w);
}

/** What a health probe gives back: dockerd keeps at most 4096 bytes of output. */
export interface ProbeRun {
  exitCode: number;
  output: string;
}

const PROBE_OUTPUT_MAX = 4096;

/**
 * Runs `cmd` in the container like an exec without a client: stdout and
 * stderr are collected together, the process is killed at `timeoutMs` (its
 * conmon then exits with it, so nothing is left behind). Like dockerd's
 * probes it logs exec_start and exec_die but no exec_create.
 */
export async function runProbe(deps: ContainerDeps, containerId: string, cmd: string[], timeoutMs: number): Promise<ProbeRun & { timedOut: boolean }> {
  const id = randomBytes(32).toString('hex');
  const s: ExecSessionRecord = { id, containerId, config: { Cmd: cmd, AttachStdout: true, AttachStderr: true }, running: false, exitCode: null, pid: 0, started: false };
  sessions.set(id, s);
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      // each write is one multiplexed frame: 8-byte header, then data
      const data = chunk.length > 8 ? chunk.subarray(8) : Buffer.alloc(0);
      if (size < PROBE_OUTPUT_MAX) {
        chunks.push(data.subarray(0, PROBE_OUTPUT_MAX - size));
        size += Math.min(data.length, PROBE_OUTPUT_MAX - size);
      }
      cb();
    },
  });
  let timedOut = false;
  let retry: NodeJS.Timeout | undefined;
  const kill = (): void => {
    if (!s.pid) {
      // runc exec has not reported the pid yet: try again shortly
      if (!s.started || s.exitCode === null) retry = setTimeout(kill, 50);
      return;
    }
    try {
      process.kill(s.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, timeoutMs);
  // wire() ends the sink once conmon closed the attach socket: all output is in by then
  const drained = new Promise<void>((r) => sink.once('finish', r));
  try {
    const run = prepareExecStart(deps, id);
    await run(sink);
    await Promise.race([drained, new Promise((r) => setTimeout(r, 2000).unref())]);
  } finally {
    clearTimeout(timer);
    if (retry) clearTimeout(retry);
    sessions.delete(id);
    sink.destroy();
  }
  return { exitCode: s.exitCode ?? -1, output: Buffer.concat(chunks).toString('utf8'), timedOut };
}
