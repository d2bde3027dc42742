// berth start [OPTIONS] CONTAINER [CONTAINER...]
import { startAttached } from '../attached';
import { MinArgs, type BerthCommand } from '../command';
import { errorText } from '../errors';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER [CONTAINER...]';
  cmd.argRule = MinArgs(1);
  cmd
    .flag('-a, --attach', 'Attach STDOUT/STDERR and forward signals')
    .value('--detach-keys <string>', 'Override the key sequence for detaching a container')
    .flag('-i, --interactive', "Attach container's STDIN");
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    if (o.attach || o.interactive) {
      if (args.length > 1) throw new Error('you cannot start and attach multiple containers at once');
      const c = await client.containers.inspect(args[0]);
      return startAttached(cli, c.Id, {
        tty: !!c.Config?.Tty,
        stdin: !!o.interactive && !!c.Config?.OpenStdin,
        stdout: true,
        stderr: true,
        detachKeys: (o.detachKeys as string | undefined) || cli.config().detachKeys,
        autoRemove: !!c.HostConfig?.AutoRemove,
        sigProxy: true,
        startError: (err) => new Error(errorText(err)),
      });
    }
    // without attaching: one after the other, like docker
    const failed: string[] = [];
    for (const name of args) {
      try {
        await client.containers.start(name);
        cli.print(name);
      } catch (err) {
        cli.printErr(errorText(err));
        failed.push(name);
      }
    }
    if (failed.length) throw new Error(`Error: failed to start containers: ${failed.join(', ')}`);
  });
}
