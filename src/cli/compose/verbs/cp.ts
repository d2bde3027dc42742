// berth compose cp: `berth cp` (its copy functions and path rules) with a
// service instead of a container: SERVICE:PATH names the service's
// container --index (default the first); copying into a service with
// --all reaches every one of its containers.
import { ExactArgs, type BerthCommand } from '../../command';
import { numberOf } from '../resources';
import { projectOf } from '../project-options';
import { selectContainers, serviceContainer, servicesOf } from '../select';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] SERVICE:SRC_PATH DEST_PATH|-\n\tberth compose cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH';
  cmd.argRule = ExactArgs(2);
  cmd
    .flag('--all', 'Include containers created by the run command')
    .flag('-a, --archive', 'Archive mode (copy all uid/gid information)')
    .flag('-L, --follow-link', 'Always follow symbol link in SRC_PATH')
    .value('--index <int>', 'Index of the container if service has multiple replicas', Number);
  cmd.handle(async (cli, args, o) => {
    const { copyFromContainer, copyToContainer, splitCpArg } = require('../../commands/cp') as typeof import('../../commands/cp');
    const [srcSvc, srcPath] = splitCpArg(args[0]);
    const [dstSvc, dstPath] = splitCpArg(args[1]);
    if (srcSvc && dstSvc) throw new Error('copying between services is not supported');
    if (!srcSvc && !dstSvc) throw new Error('unknown copy direction');
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const client = cli.client();
    if (srcSvc) {
      const c = await serviceContainer(cli, p, srcSvc, (o.index as number | undefined) ?? 1);
      await copyFromContainer(cli, client, c.Id, srcPath, dstPath, !!o.followLink);
      return 0;
    }
    let targets = await selectContainers(cli, p, servicesOf(p, [dstSvc]), { oneoff: !!o.all });
    if (o.index !== undefined) targets = targets.filter((c) => numberOf(c) === o.index);
    if (!targets.length) throw new Error(`no container found for service "${dstSvc}"`);
    for (const c of targets) await copyToContainer(cli, client, srcPath, c.Id, dstPath, !!o.followLink, !!o.archive);
    return 0;
  });
}
