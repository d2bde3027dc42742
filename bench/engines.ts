// The two engines side by side: a berthd and a real dockerd (Debian's
// docker.io), each with its own roots, socket and bridge, both driven with
// the same client (the docker CLI) and the same local busybox image.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { startTestDaemon, type Daemon } from '../test/integration/harness';
import { startDockerd, type RealDocker } from '../test/integration/dockerd';

export type EngineName = 'berth' | 'docker';

export interface Engine {
  name: EngineName;
  host: string;
  socket: string;
  /** The docker CLI against this engine; throws on a non-zero exit unless allowed. */
  cli(args: string[], opts?: { allowFail?: boolean; input?: string | Buffer }): string;
  cliAsync(args: string[]): Promise<number>;
  /** The docker CLI with its output thrown away (`> /dev/null`): for commands that print gigabytes. */
  cliQuiet(args: string[]): void;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  /** The engine's own processes (berthd; dockerd + containerd). */
  enginePids(): number[];
  /** Per-container monitors (conmon; containerd-shim). */
  monitorPids(): number[];
  /** Stop the engine (containers live on), start it again until /_ping answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function pgrep(pattern: string): number[] {
  return spawnSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
}

function apiOver(socket: string) {
  return (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; json: any }>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        { socketPath: socket, path, method, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let json: any;
            try {
              json = JSON.parse(text);
            } catch {
              json = text;
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
        },
      );
      req.on('error', reject);
      if (data) req.write(data);
      req.end();
    });
}

function cliFor(host: string) {
  const env = { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: '0' };
  return {
    cli(args: string[], opts: { allowFail?: boolean; input?: string | Buffer } = {}): string {
      const r = spawnSync('/usr/local/bin/docker', args, { env, encoding: 'utf8', input: opts.input, maxBuffer: 1 << 30 });
      if (r.status !== 0 && !opts.allowFail) throw new Error(`docker ${args.join(' ')} (${host}): ${r.stderr}`);
      return r.stdout;
    },
    cliQuiet(args: string[]): void {
      const r = spawnSync('/usr/local/bin/docker', args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`docker ${args.join(' ')} (${host}): ${r.stderr}`);
    },
    cliAsync(args: string[]): Promise<number> {
      return new Promise((resolve) => {
        const c = spawn('/usr/local/bin/docker', args, { env, stdio: 'ignore' });
        c.on('exit', (code) => resolve(code ?? 1));
      });
    },
  };
}

export async function startEngines(): Promise<{ berth: Engine; docker: Engine }> {
  const tag = randomBytes(2).toString('hex');
  const d: Daemon = await startTestDaemon({ images: ['busybox'] });
  const dk: RealDocker = await startDockerd({
    bridge: { name: `bdk${tag}`, cidr: `10.231.${parseInt(tag.slice(0, 2), 16)}.1/24` },
    extraArgs: ['--live-restore'],
  });
  const berth: Engine = {
    name: 'berth',
    host: d.host,
    socket: d.socket,
    ...cliFor(d.host),
    api: apiOver(d.socket),
    enginePids: () => [d.pid()].filter(Boolean),
    monitorPids: () => pgrep(`conmon.*${d.execRoot}/`),
    restart: () => d.restart(),
    stop: () => d.stop(),
  };
  const docker: Engine = {
    name: 'docker',
    host: dk.host,
    socket: dk.host.slice('unix://'.length),
    ...cliFor(dk.host),
    api: apiOver(dk.host.slice('unix://'.length)),
    enginePids: () => dk.processes().filter((p) => !/containerd-shim/.test(cmdline(p))),
    monitorPids: () => dk.processes().filter((p) => /containerd-shim/.test(cmdline(p))),
    restart: () => dk.restart(),
    stop: () => dk.stop(),
  };
  // The same image in both: berth saves it, dockerd loads it.
  const tar = spawnSync('/usr/local/bin/docker', ['save', 'busybox'], { env: { ...process.env, DOCKER_HOST: d.host }, maxBuffer: 1 << 30 });
  if (tar.status !== 0) throw new Error(`saving busybox from berth: ${tar.stderr}`);
  docker.cli(['load', '-q'], { input: tar.stdout });
  return { berth, docker };
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}
