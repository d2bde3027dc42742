// berth compose ls: the projects on the daemon, found from their
// containers' labels (compose keeps no other record): running ones, or all
// with -a; NAME STATUS CONFIG FILES, status as compose writes it
// ("running(2), exited(1)"). --format json is compose's one JSON array.
import { NoArgs, type BerthCommand } from '../../command';
import { renderList } from '../../format/list';
import type { ContainerSummary } from '../../../api/types';
import { L } from '../labels';

interface ProjectRow {
  Name: string;
  Status: string;
  ConfigFiles: string;
}

function rows(list: ContainerSummary[]): ProjectRow[] {
  const by = new Map<string, ContainerSummary[]>();
  for (const c of list) {
    const name = c.Labels?.[L.project];
    if (name) by.set(name, [...(by.get(name) ?? []), c]);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([Name, cs]) => {
      const counts = new Map<string, number>();
      for (const c of cs) counts.set(c.State ?? '', (counts.get(c.State ?? '') ?? 0) + 1);
      const Status = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}(${n})`).join(', ');
      const ConfigFiles = [...new Set(cs.flatMap((c) => (c.Labels?.[L.configFiles] ?? '').split(',').filter(Boolean)))].join(',');
      return { Name, Status, ConfigFiles };
    });
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .flag('-a, --all', 'Show all stopped Compose projects')
    .list('--filter <filter>', 'Filter output based on conditions provided')
    .value('--format <string>', 'Format the output. Values: [table | json]', undefined, { default: 'table' })
    .flag('-q, --quiet', 'Only display project names');
  cmd.handle(async (cli, _args, o) => {
    const list = await cli.client().containers.list({ all: true, filters: new Map([['label', [L.project]]]) });
    let projects = rows(list);
    if (!o.all) projects = projects.filter((r) => /running/.test(r.Status));
    for (const f of (o.filter as string[] | undefined) ?? []) {
      const [k, v] = f.split('=');
      if (k !== 'name') throw new Error(`${k} is not a valid filter`);
      projects = projects.filter((r) => r.Name.includes(v ?? ''));
    }
    if (o.format === 'json' && !o.quiet) {
      cli.print(JSON.stringify(projects));
      return 0;
    }
    cli.out.write(
      renderList(o.format as string, projects, {
        defaultTable: 'table {{.Name}}\t{{.Status}}\t{{.ConfigFiles}}',
        headers: { Name: 'NAME', Status: 'STATUS', ConfigFiles: 'CONFIG FILES' },
        quiet: !!o.quiet,
        quietField: 'Name',
      }),
    );
    return 0;
  });
}
