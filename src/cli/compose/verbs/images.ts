// berth compose images: the image of each of the project's containers
// (CONTAINER REPOSITORY TAG IMAGE ID SIZE), -q their IDs once each.
import type { BerthCommand } from '../../command';
import { humanSize } from '../../format/humanize';
import { renderList } from '../../format/list';
import { projectOf } from '../project-options';
import { nameOf } from '../resources';
import { selectContainers, servicesOf } from '../select';

interface ImageRow {
  ContainerName: string;
  Repository: string;
  Tag: string;
  ID: string;
  Size: string;
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd
    .value('--format <string>', 'Format the output. Values: [table | json]', undefined, { default: 'table' })
    .flag('-q, --quiet', 'Only display IDs');
  cmd.handle(async (cli, args, o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const list = await selectContainers(cli, p, servicesOf(p, args), { all: true });
    const images = await cli.client().images.list({ all: true });
    const rows: ImageRow[] = list.map((c) => {
      const img = images.find((i) => i.Id === c.ImageID);
      const [repo, tag = 'latest'] = (img?.RepoTags?.find((t) => t.startsWith(`${c.Image}`)) ?? c.Image ?? '<none>').split(/:(?=[^:/]*$)/);
      return { ContainerName: nameOf(c), Repository: repo, Tag: tag, ID: (c.ImageID ?? '').replace(/^sha256:/, '').slice(0, 12), Size: humanSize(img?.Size ?? 0) };
    });
    rows.sort((a, b) => a.ContainerName.localeCompare(b.ContainerName));
    if (o.quiet) {
      for (const id of new Set(rows.map((r) => r.ID))) cli.print(id);
      return 0;
    }
    if (o.format === 'json') {
      cli.print(JSON.stringify(rows));
      return 0;
    }
    cli.out.write(
      renderList(o.format as string, rows, {
        defaultTable: 'table {{.ContainerName}}\t{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}',
        headers: { ContainerName: 'CONTAINER', Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', Size: 'SIZE' },
      }),
    );
    return 0;
  });
}
