// Pure helpers for what the page shows: sizes, CPU% the way `docker stats`
// computes it, which env keys to hide, and the `docker run` line of a form.

export function bytes(n: number | null | undefined): string {
  if (n == null || n < 0 || Number.isNaN(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) (n /= 1024), i++;
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export interface Stats {
  read: string;
  cpu_stats: { cpu_usage: { total_usage: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats: { cpu_usage: { total_usage: number }; system_cpu_usage?: number };
  memory_stats: { usage?: number; limit?: number; stats?: Record<string, number> };
}

/** docker stats' CPU %: the container's share of the host's CPU time since the previous sample, times the CPUs. */
export function cpuPercent(s: Stats): number {
  const cpu = s.cpu_stats.cpu_usage.total_usage - (s.precpu_stats.cpu_usage?.total_usage ?? 0);
  const sys = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
  const n = s.cpu_stats.online_cpus ?? s.cpu_stats.cpu_usage.percpu_usage?.length ?? 1;
  return sys > 0 && cpu > 0 ? (cpu / sys) * n * 100 : 0;
}

/** docker stats' memory: usage less the page cache that can be dropped. */
export function memoryUsed(s: Stats): number {
  const st = s.memory_stats.stats ?? {};
  const cache = st.inactive_file ?? st.total_inactive_file ?? st.cache ?? 0;
  return Math.max(0, (s.memory_stats.usage ?? 0) - cache);
}

/** Env keys whose values stay hidden until clicked. */
export const looksSecret = (key: string): boolean => /PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL/i.test(key);

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellWord(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

export interface RunForm {
  image: string;
  name: string;
  command: string;
  ports: string;
  env: string;
  volumes: string;
  restart: string;
  detach: boolean;
  autoRemove: boolean;
}

/** Lines of a textarea or comma list, trimmed, empties dropped. */
export const items = (s: string): string[] => s.split(/[\n,]/).map((x) => x.trim()).filter(Boolean);

/** Splits a command line into words as a shell would for plain quoting ('…', "…", spaces). */
export function splitWords(s: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:\\.|[^"])*)"|(\S+)/g;
  for (const m of s.matchAll(re)) out.push(m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? m[3]);
  return out;
}

export function dockerRunLine(f: RunForm): string {
  const w = ['docker', 'run'];
  if (f.detach) w.push('-d');
  if (f.autoRemove) w.push('--rm');
  if (f.name) w.push('--name', f.name);
  if (f.restart && f.restart !== 'no') w.push('--restart', f.restart);
  for (const p of items(f.ports)) w.push('-p', p);
  for (const e of items(f.env)) w.push('-e', e);
  for (const v of items(f.volumes)) w.push('-v', v);
  w.push(f.image || 'IMAGE', ...splitWords(f.command));
  return w.map(shellWord).join(' ');
}

/** The create body of the same form (what `docker run` sends). */
export function createBody(f: RunForm): Record<string, unknown> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of items(f.ports)) {
    const parts = p.split(':');
    const [port, proto = 'tcp'] = parts[parts.length - 1].split('/');
    const key = `${port}/${proto}`;
    exposed[key] = {};
    const hostPort = parts.length >= 2 ? parts[parts.length - 2] : '';
    const hostIp = parts.length === 3 ? parts[0] : '';
    (bindings[key] ??= []).push({ HostIp: hostIp, HostPort: hostPort });
  }
  const cmd = splitWords(f.command);
  return {
    Image: f.image,
    Cmd: cmd.length ? cmd : undefined,
    Env: items(f.env),
    ExposedPorts: exposed,
    HostConfig: {
      PortBindings: bindings,
      Binds: items(f.volumes),
      AutoRemove: f.autoRemove,
      RestartPolicy: { Name: f.restart || 'no' },
    },
  };
}
