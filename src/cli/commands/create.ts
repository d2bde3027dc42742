// berth create [OPTIONS] IMAGE [COMMAND] [ARG...]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MinArgs, type BerthCommand } from '../command';
import { addContainerFlags, toContainerFlags } from '../container-flags';
import { createContainer } from '../create-container';
import { StatusError, withHelp } from '../errors';
import { buildCreatePlan } from '../opts/container';
import { consoleSize } from '../streams';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] IMAGE [COMMAND] [ARG...]';
  cmd.argRule = MinArgs(1);
  cmd.passThroughOptions();
  addContainerFlags(cmd, false);
  cmd.handle(async (cli, args, o) => {
    const flags = toContainerFlags(o);
    let plan;
    try {
      plan = buildCreatePlan(flags, args, {
        readFile: (p) => fs.readFileSync(p, 'utf8'),
        lookupEnv: (k) => cli.env[k],
        abs: (p) => path.resolve(p),
        consoleSize: consoleSize(cli),
      });
    } catch (err) {
      throw new StatusError(125, withHelp(err, 'create'));
    }
    // like docker: a daemon error here is a plain error (exit 1)
    const id = await createContainer(cli, plan, { cidfile: flags.cidfile, quiet: flags.quiet });
    cli.print(id);
  });
}
