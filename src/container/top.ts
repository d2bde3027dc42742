// GET /containers/{id}/top: the host's ps, with the caller's options, cut
// down to the container's processes (the pids runc finds in its cgroup).
import { execFile } from 'node:child_process';
import { conflict, system } from '../errdefs';
import type { ContainerDeps } from './deps';
import { findContainer } from './resolve';

function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(bin, args, { maxBuffer: 16 << 20 }, (err, out, errOut) => (err ? reject(new Error(errOut || err.message)) : resolve(out))),
  );
}

export async function topContainer(deps: ContainerDeps, ref: string, psArgs: string | null): Promise<{ Titles: string[]; Processes: string[][] }> {
  const rec = findContainer(deps.table, ref);
  if (!rec.state.Running) throw conflict(`container ${rec.id} is not running`);
  const pids = new Set<number>(JSON.parse(await run(deps.runc.binary, ['--root', deps.runc.root, 'ps', '--format', 'json', rec.id])) ?? []);
  const args = (psArgs || '-ef').split(/\s+/).filter(Boolean);
  let out: string;
  try {
    out = await run('ps', args);
  } catch (err) {
    throw system(`ps: ${(err as Error).message.trim()}`);
  }
  const lines = out.split('\n').filter(Boolean);
  const titles = lines[0].trim().split(/\s+/);
  const pidCol = titles.indexOf('PID');
  if (pidCol < 0) throw conflict(`Couldn't find PID field in ps output`);
  const processes: string[][] = [];
  for (const line of lines.slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (!pids.has(Number(fields[pidCol]))) continue;
    // The last column (the command) keeps its spaces.
    processes.push([...fields.slice(0, titles.length - 1), fields.slice(titles.length - 1).join(' ')]);
  }
  return { Titles: titles, Processes: processes };
}
