// berth compose push: the images of the services that name one (image:),
// pushed through the daemon as `berth push` does, with compose's lines.
import type { BerthCommand } from '../../command';
import { errorText } from '../../errors';
import { projectOf } from '../project-options';
import { servicesOf } from '../select';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd
    .flag('--ignore-push-failures', 'Push what it can and ignores images with push failures')
    .flag('-q, --quiet', 'Push without printing progress information');
  cmd.handle(async (cli, args, o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const { pushImage } = require('../../commands/push') as typeof import('../../commands/push');
    for (const name of servicesOf(p, args)) {
      const image = p.services[name].image;
      if (!image) continue;
      if (!o.quiet) cli.printErr(` ${name} Pushing`);
      try {
        await pushImage(cli, image, { silent: true });
        if (!o.quiet) cli.printErr(` ${name} Pushed`);
      } catch (err) {
        if (!o.ignorePushFailures) throw err;
        cli.printErr(` ${name} Warning ${errorText(err)}`);
      }
    }
    return 0;
  });
}
