// berth run [OPTIONS] IMAGE [COMMAND] [ARG...]
import { startAttached } from '../attached';
import { MinArgs, type BerthCommand } from '../command';
import { addContainerFlags, toContainerFlags } from '../container-flags';
import { createContainer, planFromFlags } from '../create-container';
import { StatusError, toRunStatusError } from '../errors';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] IMAGE [COMMAND] [ARG...]';
  cmd.argRule = MinArgs(1);
  cmd.passThroughOptions();
  addContainerFlags(cmd, true);
  cmd.handle(async (cli, args, o) => {
    const flags = toContainerFlags(o);
    if (flags.detach && flags.attach?.length) {
      throw new StatusError(1, 'conflicting options: cannot specify both --attach and --detach');
    }
    const plan = planFromFlags(cli, flags, args, 'run');
    const body = plan.body;
    if (!flags.detach && body.Tty && body.AttachStdin && !cli.in.isTTY) {
      throw new StatusError(1, 'the input device is not a TTY');
    }

    let id: string;
    try {
      id = await createContainer(cli, plan, { cidfile: flags.cidfile, quiet: flags.quiet });
    } catch (err) {
      throw toRunStatusError(err);
    }

    const attachOutput = !!(body.AttachStdout || body.AttachStderr);
    if (!attachOutput) {
      // detached (or stdin only): the ID is the output
      cli.print(id);
      try {
        await cli.client().containers.start(id);
      } catch (err) {
        throw toRunStatusError(err);
      }
      return 0;
    }

    return startAttached(cli, id, {
      tty: !!body.Tty,
      stdin: !!body.AttachStdin,
      stdout: !!body.AttachStdout,
      stderr: !!body.AttachStderr,
      detachKeys: flags.detachKeys || cli.config().detachKeys,
      autoRemove: !!flags.rm,
      sigProxy: flags.sigProxy !== false,
      startError: (err) => toRunStatusError(err),
    });
  });
}
