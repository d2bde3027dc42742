// berth logout [SERVER]: forget the stored credentials (nothing is sent to the daemon).
import { MaxArgs, type BerthCommand } from '../command';
import { eraseAuth, INDEX_SERVER, serverKey } from '../credentials';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[SERVER]';
  cmd.argRule = MaxArgs(1);
  cmd.handle(async (cli, args) => {
    const server = args[0] ? serverKey(args[0]) : INDEX_SERVER;
    if (!eraseAuth(cli, server)) {
      cli.print(`Not logged in to ${server}`);
      return;
    }
    cli.print(`Removing login credentials for ${server}`);
  });
}
