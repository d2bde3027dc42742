// berth compose ps: the project's containers in docker compose's columns
// (NAME IMAGE COMMAND SERVICE CREATED STATUS PORTS), -a for stopped ones
// too, -q for IDs, --services for the services with containers, --format.
import type { BerthCommand } from '../../command';
import { renderList } from '../../format/list';
import { ContainerContext, PS_HEADERS } from '../../render/ps';
import type { ContainerSummary } from '../../../api/types';
import { L } from '../labels';
import { projectOf } from '../project-options';
import { nameOf, projectContainers } from '../resources';

const TABLE = 'table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}';

class ServiceContainer extends ContainerContext {
  constructor(private readonly s: ContainerSummary, now: number) {
    super(s, true, now);
  }
  get Name(): string {
    return nameOf(this.s);
  }
  get Service(): string {
    return this.s.Labels?.[L.service] ?? '';
  }
  get Project(): string {
    return this.s.Labels?.[L.project] ?? '';
  }
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd
    .flag('-a, --all', 'Show all stopped containers (including those created by the run command)')
    .flag('-q, --quiet', 'Only display IDs')
    .flag('--services', 'Display services')
    .value('--format <string>', 'Format the output. Values: [table | json | TEMPLATE]');
  cmd.handle(async (cli, args, o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    for (const a of args) if (!p.services[a]) throw new Error(`no such service: ${a}`);
    let list = (await projectContainers(cli, p.name, undefined, true)).filter((c) => o.all || c.State === 'running' || c.State === 'paused');
    if (args.length) list = list.filter((c) => args.includes(c.Labels?.[L.service] ?? ''));
    list.sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    if (o.services) {
      for (const s of [...new Set(list.map((c) => c.Labels?.[L.service] ?? ''))]) cli.print(s);
      return 0;
    }
    const now = Date.now();
    cli.out.write(
      renderList((o.format as string | undefined) ?? 'table', list.map((c) => new ServiceContainer(c, now)), {
        defaultTable: TABLE,
        headers: { ...PS_HEADERS, Name: 'NAME', Service: 'SERVICE', Project: 'PROJECT' },
        quiet: !!o.quiet,
        typeName: '*formatter.ContainerContext',
      }),
    );
    return 0;
  });
}
