// berth rename CONTAINER NEW_NAME
import { ExactArgs, type BerthCommand } from '../command';
import { errorText } from '../errors';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = 'CONTAINER NEW_NAME';
  cmd.argRule = ExactArgs(2);
  cmd.handle(async (cli, args) => {
    const [oldName, newName] = args.map((a) => a.trim());
    if (!oldName || !newName) throw new Error('Error: Neither old nor new names may be empty');
    try {
      await cli.client().containers.rename(oldName, newName);
    } catch (err) {
      cli.printErr(errorText(err));
      throw new Error(`Error: failed to rename container named ${oldName}`);
    }
  });
}
