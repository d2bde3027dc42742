// berth update [OPTIONS] CONTAINER [CONTAINER...]
import { MinArgs, type BerthCommand } from '../command';
import { errorText } from '../errors';
import { parseBytes } from '../format/humanize';
import { eachParallel } from '../multi';
import { parseGoInt, parseNanoCpus } from '../opts/goparse';
import { parseRestartPolicy } from '../opts/resources';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER [CONTAINER...]';
  cmd.argRule = MinArgs(1);
  cmd
    .value('-m, --memory <bytes>', 'Memory limit', (v) => parseBytes(v))
    .value('--memory-swap <bytes>', 'Swap limit equal to memory plus swap: -1 to enable unlimited swap', (v) => (v === '-1' ? -1 : parseBytes(v)))
    .value('--memory-reservation <bytes>', 'Memory soft limit', (v) => parseBytes(v))
    .value('--cpus <decimal>', 'Number of CPUs', (v) => parseNanoCpus(v))
    .value('-c, --cpu-shares <int>', 'CPU shares (relative weight)', (v) => parseGoInt(v))
    .value('--cpu-period <int>', 'Limit CPU CFS (Completely Fair Scheduler) period', (v) => parseGoInt(v))
    .value('--cpu-quota <int>', 'Limit CPU CFS (Completely Fair Scheduler) quota', (v) => parseGoInt(v))
    .value('--cpuset-cpus <string>', 'CPUs in which to allow execution (0-3, 0,1)')
    .value('--cpuset-mems <string>', 'MEMs in which to allow execution (0-3, 0,1)')
    .value('--pids-limit <int>', 'Tune container pids limit (set -1 for unlimited)', (v) => parseGoInt(v))
    .value('--restart <string>', 'Restart policy to apply when a container exits');
  cmd.handle(async (cli, args, o) => {
    const body: Record<string, unknown> = {
      Memory: o.memory,
      MemorySwap: o.memorySwap,
      MemoryReservation: o.memoryReservation,
      NanoCpus: o.cpus,
      CpuShares: o.cpuShares,
      CpuPeriod: o.cpuPeriod,
      CpuQuota: o.cpuQuota,
      CpusetCpus: o.cpusetCpus,
      CpusetMems: o.cpusetMems,
      PidsLimit: o.pidsLimit,
      RestartPolicy: o.restart !== undefined ? parseRestartPolicy(o.restart as string) : undefined,
    };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    if (!Object.keys(body).length) throw new Error('you must provide one or more flags when using this command');
    const client = cli.client();
    const results = await eachParallel(args, (id) => client.containers.update(id, body));
    const errors: string[] = [];
    results.forEach((r, i) => (r.ok ? cli.print(args[i]) : errors.push(errorText(r.error))));
    if (errors.length) throw new Error(errors.join('\n'));
  });
}
