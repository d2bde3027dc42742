// POST /containers/{id}/update: new resource limits and restart policy,
// recorded and, for a running container, applied at once with `runc update`.
import { execFile } from 'node:child_process';
import { invalidArgument } from '../errdefs';
import { validateHostConfig } from './config';
import type { ContainerDeps } from './deps';
import { withContainerLock } from './lock';
import { findContainer } from './resolve';
import type { HostConfig } from './types';
import { emitContainer } from './events';

const FIELDS = ['Memory', 'MemorySwap', 'MemoryReservation', 'NanoCpus', 'CpuShares', 'CpuQuota', 'CpuPeriod', 'CpusetCpus', 'CpusetMems', 'PidsLimit', 'RestartPolicy'] as const;

export async function updateContainer(deps: ContainerDeps, ref: string, body: Partial<HostConfig> | undefined): Promise<{ Warnings: string[] }> {
  if (!body || typeof body !== 'object') throw invalidArgument('update body cannot be empty');
  const found = findContainer(deps.table, ref);
  await withContainerLock(found.id, async () => {
    const rec = deps.table.get(found.id)!;
    const hc = { ...rec.hostConfig };
    const defaultSwap = hc.Memory > 0 && hc.MemorySwap === hc.Memory * 2;
    for (const f of FIELDS) if (body[f] !== undefined && body[f] !== null) (hc as Record<string, unknown>)[f] = body[f];
    if (body.NanoCpus) Object.assign(hc, { CpuQuota: 0, CpuPeriod: 0 });
    // Raising the memory of a container with Docker's default swap keeps the default.
    if (body.Memory && !body.MemorySwap && (defaultSwap || hc.MemorySwap < hc.Memory)) hc.MemorySwap = hc.Memory * 2;
    if (body.RestartPolicy && !body.RestartPolicy.Name) hc.RestartPolicy = { Name: 'no', MaximumRetryCount: 0 };
    validateHostConfig(hc, deps.settings);
    if (rec.state.Running) await runcUpdate(deps, rec.id, hc);
    rec.hostConfig = hc;
    deps.table.update(rec);
  });
  emitContainer(deps, found, 'update');
  return { Warnings: [] };
}

function runcUpdate(deps: ContainerDeps, id: string, hc: HostConfig): Promise<void> {
  const args = ['--root', deps.runc.root, 'update'];
  const quota = hc.NanoCpus ? Math.round((hc.NanoCpus * 100_000) / 1e9) : hc.CpuQuota;
  const period = hc.NanoCpus ? 100_000 : hc.CpuPeriod;
  if (hc.Memory) args.push('--memory', String(hc.Memory));
  if (hc.MemorySwap) args.push('--memory-swap', String(hc.MemorySwap));
  if (hc.MemoryReservation) args.push('--memory-reservation', String(hc.MemoryReservation));
  if (quota) args.push('--cpu-quota', String(quota));
  if (period) args.push('--cpu-period', String(period));
  if (hc.CpuShares) args.push('--cpu-share', String(hc.CpuShares));
  if (hc.CpusetCpus) args.push('--cpuset-cpus', hc.CpusetCpus);
  if (hc.CpusetMems) args.push('--cpuset-mems', hc.CpusetMems);
  if (hc.PidsLimit) args.push('--pids-limit', String(hc.PidsLimit));
  args.push(id);
  return new Promise((resolve, reject) =>
    execFile(deps.runc.binary, args, (err, _out, stderr) =>
      err ? reject(invalidArgument(`Cannot update container ${id}: ${(stderr || err.message).trim()}`)) : resolve(),
    ),
  );
}
