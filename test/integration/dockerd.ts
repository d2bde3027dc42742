// A real dockerd (Debian's docker.io) for round-trip tests: its own data
// root, exec root, socket and pidfile, no bridge or iptables, stopped and
// cleaned (its containerd child, overlay mounts, directories) afterwards.
// It never touches /var/run/docker.sock.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from './harness';

export const DOCKERD = '/usr/sbin/dockerd';

export interface RealDocker {
  host: string;
  /** dockerd and everything it started (containerd, shims), for memory readings. */
  processes(): number[];
  /** dockerd's own pid. */
  pid(): number;
  /** SIGTERM, wait, start again, until it answers /_ping. */
  restart(): Promise<void>;
  docker(args: string[], opts?: { input?: string | Buffer }): RunResult;
  stop(): Promise<void>;
}

function ping(socket: string): Promise<boolean> {
  return new Promise((res) => {
    const req = http.request({ socketPath: socket, path: '/_ping' }, (r) => {
      r.resume();
      res(r.statusCode === 200);
    });
    req.on('error', () => res(false));
    req.end();
  });
}

/** Pids of processes started from our dockerd (its containerd, shims) by their command line naming our roots. */
function ourProcesses(marks: string[]): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (marks.some((m) => cmd.includes(m))) out.push(Number(p));
    } catch {
      /* gone */
    }
  }
  return out;
}

export interface DockerdOptions {
  /** A bridge for the default network (made here, removed on stop); default: none. */
  bridge?: { name: string; cidr: string };
  extraArgs?: string[];
}

export async function startDockerd(opts: DockerdOptions = {}): Promise<RealDocker> {
  const tag = randomBytes(4).toString('hex');
  const base = mkdtempSync(join(tmpdir(), `berth-dockerd-${tag}-`));
  const dataRoot = join(base, 'data');
  const execRoot = `/run/bdk-${tag}`;
  mkdirSync(execRoot, { recursive: true });
  const socket = join(execRoot, 'docker.sock');
  const host = `unix://${socket}`;
  const config = join(base, 'cli');
  mkdirSync(config);
  const log = openSync(join(base, 'dockerd.log'), 'a');
  writeFileSync(join(base, 'daemon.json'), '{}');
  if (opts.bridge) {
    spawnSync('ip', ['link', 'add', opts.bridge.name, 'type', 'bridge']);
    spawnSync('ip', ['addr', 'add', opts.bridge.cidr, 'dev', opts.bridge.name]);
    spawnSync('ip', ['link', 'set', opts.bridge.name, 'up']);
  }
  const args = ['--data-root', dataRoot, '--exec-root', execRoot, '-H', host, '--pidfile', join(base, 'dockerd.pid'),
    ...(opts.bridge ? ['--bridge', opts.bridge.name] : ['--bridge=none']),
    '--iptables=false', '--ip-masq=false', '--config-file', join(base, 'daemon.json'), ...(opts.extraArgs ?? [])];
  let child: ChildProcess = spawn(DOCKERD, args, { stdio: ['ignore', log, log] });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    for (const pid of ourProcesses([execRoot, dataRoot])) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4])
      .filter((m) => m && (m.startsWith(dataRoot) || m.startsWith(execRoot)))
      .sort((a, b) => b.length - a.length);
    for (const m of mounts) spawnSync('umount', ['-l', m]);
    rmSync(execRoot, { recursive: true, force: true });
    rmSync(base, { recursive: true, force: true });
    if (opts.bridge) spawnSync('ip', ['link', 'del', opts.bridge.name]);
  };
  for (let i = 0; i < 300; i++) {
    if (await ping(socket)) break;
    if (child.exitCode !== null || i === 299) {
      const text = existsSync(join(base, 'dockerd.log')) ? readFileSync(join(base, 'dockerd.log'), 'utf8') : '';
      await stop();
      throw new Error(`dockerd did not start:\n${text.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    processes: () => ourProcesses([execRoot, dataRoot]),
    pid: () => (child.exitCode === null ? child.pid ?? 0 : 0),
    async restart() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      child = spawn(DOCKERD, args, { stdio: ['ignore', log, log] });
      for (let i = 0; i < 600 && !(await ping(socket)); i++) await new Promise((r) => setTimeout(r, 50));
    },
    docker: (args, o = {}) => {
      const r = spawnSync('/usr/local/bin/docker', args, {
        input: o.input,
        encoding: 'utf8',
        env: { ...process.env, DOCKER_HOST: host, DOCKER_CONFIG: config, DOCKER_BUILDKIT: '0' },
        timeout: 120_000,
        maxBuffer: 256 << 20,
      });
      return { code: r.status ?? 137, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    },
    stop,
  };
}
