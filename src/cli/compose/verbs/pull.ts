// berth compose pull: the images of the services (those with image:),
// pulled through the daemon as `berth pull` does, with compose's lines
// (" web Pulling" … " web Pulled"); a service that can be built is
// skipped when its image cannot be pulled, as compose does.
import type { BerthCommand } from '../../command';
import { errorText } from '../../errors';
import { parseNormalizedNamed } from '../../opts/reference';
import { projectOf } from '../project-options';
import { servicesOf } from '../select';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd
    .flag('--ignore-buildable', 'Ignore images that can be built')
    .flag('--ignore-pull-failures', 'Pull what it can and ignores images with pull failures')
    .flag('-q, --quiet', 'Pull without printing progress information');
  cmd.handle(async (cli, args, o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const { pullImage } = require('../../commands/pull') as typeof import('../../commands/pull');
    let failed = false;
    for (const name of servicesOf(p, args)) {
      const s = p.services[name];
      if (!s.image || (s.build && o.ignoreBuildable)) continue;
      if (!o.quiet) cli.printErr(` ${name} Pulling`);
      try {
        await pullImage(cli, parseNormalizedNamed(s.image), { quiet: true, out: 'stderr' });
        if (!o.quiet) cli.printErr(` ${name} Pulled`);
      } catch (err) {
        if (!s.build && !o.ignorePullFailures) throw err;
        cli.printErr(` ${name} Warning ${errorText(err)}`);
        failed = !s.build;
      }
    }
    return failed && !o.ignorePullFailures ? 1 : 0;
  });
}
