// berth compose build: the services with a build: section (all, or those
// named) built through the Engine API as `berth build` does, tagged with
// the service's image name; --build-arg over the file's args.
import type { BerthCommand } from '../../command';
import { buildService } from '../build-service';
import { projectOf } from '../project-options';
import { servicesOf } from '../select';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd
    .list('--build-arg <stringArray>', 'Set build-time variables for services')
    .flag('--no-cache', 'Do not use cache when building the image')
    .flag('--pull', 'Always attempt to pull a newer version of the image')
    .flag('-q, --quiet', "Don't print anything to STDOUT");
  cmd.handle(async (cli, args, o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const { parseBuildArgs } = require('../../commands/build') as typeof import('../../commands/build');
    const buildArgs = parseBuildArgs((o.buildArg as string[] | undefined) ?? []);
    for (const name of servicesOf(p, args)) {
      await buildService(cli, p, p.services[name], { noCache: o.cache === false, pull: !!o.pull, quiet: !!o.quiet, args: buildArgs });
    }
    return 0;
  });
}
