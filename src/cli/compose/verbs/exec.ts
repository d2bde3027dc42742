// berth compose exec SERVICE COMMAND: `berth exec` (its execIn) in a
// running container of the service (--index, default the first). A TTY
// unless -T or output is not a terminal, as compose decides; stdin is
// attached unless -d; the exit code is the command's.
import { MinArgs, type BerthCommand } from '../../command';
import { projectOf } from '../project-options';
import { wantsTty } from '../terminal';
import { serviceContainer } from '../select';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] SERVICE COMMAND [ARGS...]';
  cmd.argRule = MinArgs(2);
  cmd.passThroughOptions(); // flags after SERVICE belong to COMMAND
  cmd
    .flag('-d, --detach', 'Detached mode: Run command in the background')
    .list('-e, --env <stringArray>', 'Set environment variables')
    .value('--index <int>', 'Index of the container if service has multiple replicas', Number, { default: 1 })
    .flag('-T, --no-TTY', 'Disable pseudo-TTY allocation. By default `docker compose exec` allocates a TTY.')
    .flag('--privileged', 'Give extended privileges to the process')
    .value('-u, --user <string>', 'Run the command as this user')
    .value('-w, --workdir <string>', 'Path to workdir directory for this command');
  cmd.handle(async (cli, [service, ...command], o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const c = await serviceContainer(cli, p, service, o.index as number);
    const { execIn } = require('../../commands/exec') as typeof import('../../commands/exec');
    return execIn(cli, c.Id, command, {
      detach: !!o.detach,
      tty: wantsTty(cli, o),
      interactive: true,
      user: o.user as string | undefined,
      privileged: !!o.privileged,
      env: (o.env as string[] | undefined) ?? [],
      workdir: o.workdir as string | undefined,
    });
  });
}
