// berth compose config: the resolved model (files merged, variables
// interpolated, short forms long) as YAML, or only its service or volume
// names, or nothing but the check (-q).
import { stringify } from 'yaml';
import { NoArgs, type BerthCommand } from '../../command';
import type { Project } from '../model/types';
import { projectOf } from '../project-options';

/** The model as docker compose prints it: name first, then services, networks and volumes, empty sections left out. */
export function configDocument(p: Project): Record<string, unknown> {
  const services: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(p.services).sort(([a], [b]) => a.localeCompare(b))) {
    const { name: _n, ...rest } = s;
    const clean: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rest)) {
      const empty = Array.isArray(v) ? v.length === 0 : v && typeof v === 'object' ? Object.keys(v).length === 0 : v === undefined;
      if (!empty && !(k === 'scale' && v === 1)) clean[k] = v;
    }
    services[name] = clean;
  }
  return {
    name: p.name,
    services,
    ...(Object.keys(p.networks).length ? { networks: p.networks } : {}),
    ...(Object.keys(p.volumes).length ? { volumes: p.volumes } : {}),
  };
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd.argRule = NoArgs;
  cmd
    .flag('-q, --quiet', 'Only validate the configuration, don\'t print anything')
    .flag('--services', 'Print the service names, one per line')
    .flag('--volumes', 'Print the volume names, one per line')
    .value('--format <string>', 'Format the output. Values: [yaml | json]', undefined, { default: 'yaml' });
  cmd.handle(async (cli, _args, o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    if (o.quiet) return 0;
    if (o.services) {
      for (const s of Object.keys(p.services)) cli.print(s);
      return 0;
    }
    if (o.volumes) {
      for (const v of Object.keys(p.volumes)) cli.print(v);
      return 0;
    }
    const doc = configDocument(p);
    if (o.format === 'json') cli.print(JSON.stringify(doc, null, 2));
    else if (o.format === 'yaml') process.stdout.write(stringify(doc, { aliasDuplicateObjects: false }));
    else throw new Error(`unsupported format "${o.format}"`);
    return 0;
  });
}
