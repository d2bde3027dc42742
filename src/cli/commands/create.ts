// berth create [OPTIONS] IMAGE [COMMAND] [ARG...]
import { MinArgs, type BerthCommand } from '../command';
import { addContainerFlags, toContainerFlags } from '../container-flags';
import { createContainer, planFromFlags } from '../create-container';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] IMAGE [COMMAND] [ARG...]';
  cmd.argRule = MinArgs(1);
  cmd.passThroughOptions();
  addContainerFlags(cmd, false);
  cmd.handle(async (cli, args, o) => {
    const flags = toContainerFlags(o);
    const plan = planFromFlags(cli, flags, args, 'create');
    // like docker: a daemon error here is a plain error (exit 1)
    const id = await createContainer(cli, plan, { cidfile: flags.cidfile, quiet: flags.quiet });
    cli.print(id);
  });
}
