// Starts a real berthd for one test suite, with its own data root, exec
// root, socket and cgroup parent, and tears everything down afterwards even
// when tests fail: containers, conmon processes, mounts, cgroups, files.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
const BERTHD = join(ROOT, 'bin', 'berthd');
const BERTH = join(ROOT, 'bin', 'berth');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Daemon {
  socket: string;
  host: string;
  dataRoot: string;
  execRoot: string;
  cgroupParent: string;
  /** The suite's own default bridge (passed as -b) and its subnet, e.g. 10.213.7.0/24. */
  bridge: string;
  subnet: string;
  /** Prefix of the suite's own subnet: `${net}.N` is an address in it. */
  net: string;
  /** `berth ARGS` against this daemon. */
  berth(args: string[], opts?: { input?: string | Buffer; env?: Record<string, string> }): RunResult;
  /** The real docker CLI against this daemon. */
  docker(args: string[], opts?: { input?: string | Buffer; env?: Record<string, string> }): RunResult;
  /** One raw API request. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: string; json: any }>;
  restart(): Promise<void>;
  kill9(): void;
  /** berthd's pid (0 when not running). */
  pid(): number;
  stop(): Promise<void>;
}

function ping(socket: string): Promise<boolean> {
  return new Promise((res) => {
    const req = http.request({ socketPath: socket, path: '/_ping', method: 'GET' }, (r) => {
      r.resume();
      res(r.statusCode === 200);
    });
    req.on('error', () => res(false));
    req.end();
  });
}

/** A /24 in 10.200–255.x that no route on the host touches, checked against `ip route`. */
export function freeSubnet(): string {
  const routes = spawnSync('ip', ['-4', 'route', 'show', 'table', 'all'], { encoding: 'utf8' }).stdout;
  for (let i = 0; i < 200; i++) {
    const net = `10.${randomInt(200, 256)}.${randomInt(0, 256)}`;
    if (!routes.includes(`${net}.`) && !routes.includes(`${net.split('.').slice(0, 2).join('.')}.0.0/16`)) return `${net}.0/24`;
  }
  throw new Error('no free 10.2xx subnet');
}

export async function startTestDaemon(opts: { images?: string[]; extraArgs?: string[]; config?: Record<string, unknown>; /** put in the run's names (bridge, roots, cgroup), to tell whose they are */ tag?: string } = {}): Promise<Daemon> {
  const tag = (opts.tag ?? '') + randomBytes(4).toString('hex');
  // Each suite brings its own default bridge: never berth0/docker0 or 172.17/16.
  const bridge = `bt${tag}`;
  const subnet = freeSubnet();
  const net = subnet.split('.').slice(0, 3).join('.');
  makeBridge(bridge, `${net}.1/24`);
  const dataRoot = mkdtempSync(join(tmpdir(), `berth-it-${tag}-`));
  // mkdtemp makes it 0700: a daemon with --userns-remap needs its remapped root to get through (as dockerd checks).
  chmodSync(dataRoot, 0o711);
  // Short: the attach socket path in a bundle must fit in 108 bytes.
  const execRoot = `/run/bt-${tag}`;
  mkdirSync(execRoot, { recursive: true });
  const socket = join(execRoot, 'berth.sock');
  const host = `unix://${socket}`;
  const cgroupParent = `berth-test-${tag}`;
  const configFile = join(dataRoot, 'daemon.json');
  writeFileSync(configFile, JSON.stringify(opts.config ?? {}));
  const dockerConfig = join(dataRoot, 'docker-config');
  mkdirSync(dockerConfig);
  const args = ['-H', host, '--data-root', join(dataRoot, 'root'), '--exec-root', execRoot, '--cgroup-parent', cgroupParent, '--config-file', configFile, '-b', bridge, ...(opts.extraArgs ?? [])];
  let child: ChildProcess | undefined;
  const logFile = join(dataRoot, 'berthd.log');

  const launch = async () => {
    const { openSync } = await import('node:fs');
    const fd = openSync(logFile, 'a');
    // bin/berthd itself, as users start it: its #! line sets node's environment up.
    child = spawn(BERTHD, args, { stdio: ['ignore', fd, fd] });
    for (let i = 0; i < 200; i++) {
      if (await ping(socket)) return;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`berthd did not start:\n${readFileSync(logFile, 'utf8')}`);
  };
  const exitOf = () =>
    new Promise<void>((res) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return res();
      child.once('exit', () => res());
    });

  const run = (bin: string, a: string[], o: { input?: string | Buffer; env?: Record<string, string> } = {}): RunResult => {
    const r = spawnSync(bin, a, {
      input: o.input,
      encoding: 'utf8',
      env: { ...process.env, BERTH_HOST: host, DOCKER_HOST: host, DOCKER_CONFIG: dockerConfig, ...o.env },
      timeout: 60_000,
      maxBuffer: 64 << 20,
    });
    return { code: r.status ?? 128 + 9, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  };

  const d: Daemon = {
    socket,
    host,
    dataRoot,
    execRoot,
    cgroupParent,
    bridge,
    subnet,
    net,
    berth: (a, o) => run(BERTH, a, o),
    docker: (a, o) => run('/usr/local/bin/docker', a, o),
    api: (method, path, body) =>
      new Promise((res, rej) => {
        const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
        const req = http.request(
          { socketPath: socket, path, method, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {} },
          (r) => {
            const chunks: Buffer[] = [];
            r.on('data', (c) => chunks.push(c));
            r.on('end', () => {
              const text = Buffer.concat(chunks).toString();
              let json: any;
              try {
                json = JSON.parse(text);
              } catch {
                json = undefined;
              }
              res({ status: r.statusCode ?? 0, body: text, json });
            });
          },
        );
        req.on('error', rej);
        if (data) req.write(data);
        req.end();
      }),
    async restart() {
      child?.kill('SIGTERM');
      await exitOf();
      await launch();
    },
    kill9() {
      child?.kill('SIGKILL');
    },
    pid: () => (child && child.exitCode === null && child.signalCode === null ? child.pid ?? 0 : 0),
    async stop() {
      try {
        if (child && child.exitCode === null && (await ping(socket))) {
          const list = await d.api('GET', '/containers/json?all=1');
          for (const c of (list.json ?? []) as { Id: string }[]) await d.api('DELETE', `/containers/${c.Id}?force=1`);
        }
      } catch {
        /* cleaned up below by force */
      }
      child?.kill('SIGTERM');
      await Promise.race([exitOf(), new Promise((r) => setTimeout(r, 5000))]);
      child?.kill('SIGKILL');
      cleanupHost({ dataRoot, execRoot, cgroupParent, bridges: [bridge] });
    },
  };
  try {
    await launch();
  } catch (err) {
    child?.kill('SIGKILL');
    cleanupHost({ dataRoot, execRoot, cgroupParent, bridges: [bridge] });
    throw err;
  }
  if (opts.images?.length) {
    const r = spawnSync(join(ROOT, 'images', 'build'), opts.images, { env: { ...process.env, BERTH_HOST: host }, encoding: 'utf8' });
    if (r.status !== 0) {
      await d.stop();
      throw new Error(`images/build failed: ${r.stdout}${r.stderr}`);
    }
  }
  return d;
}

export function makeBridge(name: string, cidr: string): void {
  spawnSync('ip', ['link', 'add', name, 'type', 'bridge']);
  spawnSync('ip', ['addr', 'add', cidr, 'dev', name]);
  spawnSync('ip', ['link', 'set', name, 'up']);
}

/**
 * Kills conmon and container processes of this run, unmounts (netns files
 * too, which frees the veths), removes cgroups, the run's iptables rules and
 * chains (berthd names them with a tag of its data root; portmap's carry it
 * in their comments), its bridges (the default one and those of networks in
 * its database), and its directories. Never touches anything of other runs.
 */
export function cleanupHost(p: { dataRoot: string; execRoot: string; cgroupParent: string; bridges?: string[] }): void {
  spawnSync('pkill', ['-9', '-f', `conmon.*${p.execRoot}/`]);
  for (const dir of cgroupDirs(p.cgroupParent)) {
    for (const sub of safeList(dir)) {
      const procs = join(dir, sub, 'cgroup.procs');
      if (existsSync(procs)) {
        for (const pid of readFileSync(procs, 'utf8').split('\n').filter(Boolean)) {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      }
    }
  }
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((m) => m && (m.startsWith(p.dataRoot) || m.startsWith(p.execRoot)))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) spawnSync('umount', ['-l', m]);
  for (let i = 0; i < 20; i++) {
    let left = 0;
    for (const dir of cgroupDirs(p.cgroupParent)) {
      for (const sub of safeList(dir)) {
        try {
          rmdirSync(join(dir, sub));
        } catch {
          left++;
        }
      }
      try {
        rmdirSync(dir);
      } catch {
        left++;
      }
    }
    if (!left) break;
    spawnSync('sleep', ['0.1']);
  }
  cleanupNetwork(p);
  rmSync(p.execRoot, { recursive: true, force: true });
  rmSync(p.dataRoot, { recursive: true, force: true });
}

function cleanupNetwork(p: { dataRoot: string; bridges?: string[] }): void {
  const bridges = [...(p.bridges ?? [])];
  // With --userns-remap the stores are in root/<uid>.<gid>/.
  const remapped = safeList(join(p.dataRoot, 'root')).filter((n) => /^\d+\.\d+$/.test(n));
  for (const dbFile of [join(p.dataRoot, 'root', 'berth.db'), ...remapped.map((n) => join(p.dataRoot, 'root', n, 'berth.db'))]) {
    if (!existsSync(dbFile)) continue;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Database = require('better-sqlite3');
      const db = new Database(dbFile, { readonly: true });
      for (const r of db.prepare('SELECT record FROM networks').all() as { record: string }[]) {
        const b = JSON.parse(r.record).bridge;
        if (b && !bridges.includes(b)) bridges.push(b);
      }
      db.close();
    } catch {
      /* no network table: nothing made */
    }
  }
  const tag = createHash('sha256').update(join(p.dataRoot, 'root')).digest('hex').slice(0, 8);
  const mine = (line: string) => line.includes(`BERTH-FWD-${tag}`) || line.includes(`BERTH-NAT-${tag}`) || line.includes(`BERTH-ISO-${tag}`) || line.includes(`berth-${tag}-`);
  // ip6tables too: EnableIPv6 networks have the same chains there.
  for (const bin of ['iptables', 'ip6tables']) {
    for (const table of ['nat', 'filter']) {
      const lines = spawnSync(bin, ['-w', '-t', table, '-S'], { encoding: 'utf8' }).stdout.split('\n');
      const chains = new Set<string>();
      for (const line of lines.filter((l) => l.startsWith('-A ') && mine(l))) {
        const args = splitShell(line);
        // Interfaces named in the daemon's own chains are its bridges (a fallback when the database is unreadable).
        args.forEach((a, i) => {
          if ((a === '-i' || a === '-o') && /^[\w.-]+$/.test(args[i + 1] ?? '') && !bridges.includes(args[i + 1])) bridges.push(args[i + 1]);
        });
        const j = args.indexOf('-j');
        if (j >= 0 && /^(CNI-DN-|CNI-SN-|BERTH-)/.test(args[j + 1])) chains.add(args[j + 1]);
        spawnSync(bin, ['-w', '-t', table, '-D', ...args.slice(1)]);
      }
      for (const c of [`BERTH-FWD-${tag}`, `BERTH-ISO-${tag}`, `BERTH-NAT-${tag}`]) if (lines.includes(`-N ${c}`)) chains.add(c);
      for (const c of chains) {
        spawnSync(bin, ['-w', '-t', table, '-F', c]);
        spawnSync(bin, ['-w', '-t', table, '-X', c]);
      }
    }
  }
  for (const b of bridges) spawnSync('ip', ['link', 'del', b]);
}

/** Splits an `iptables -S` line into arguments (double quotes, backslash escapes). */
export function splitShell(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let any = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      any = true;
    } else if (ch === '"') {
      quoted = !quoted;
      any = true;
    } else if (ch === ' ' && !quoted) {
      if (any) out.push(cur);
      cur = '';
      any = false;
    } else {
      cur += ch;
      any = true;
    }
  }
  if (any) out.push(cur);
  return out;
}

export function cgroupDirs(parent: string): string[] {
  const base = '/sys/fs/cgroup';
  const out: string[] = [];
  if (existsSync(join(base, 'cgroup.controllers'))) {
    if (existsSync(join(base, parent))) out.push(join(base, parent));
    return out;
  }
  for (const c of safeList(base)) {
    const d = join(base, c, parent);
    if (existsSync(d)) out.push(d);
  }
  return out;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}
