// berth rmi [OPTIONS] IMAGE [IMAGE...]
import { MinArgs, type BerthCommand } from '../command';
import { errorText, isNotFound } from '../errors';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] IMAGE [IMAGE...]';
  cmd.argRule = MinArgs(1);
  cmd
    .flag('-f, --force', 'Force removal of the image')
    .flag('--no-prune', 'Do not delete untagged parents')
    .list('--platform <strings>', 'Remove only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")');
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    const errors: string[] = [];
    let fatal = false;
    for (const img of args) {
      try {
        const dels = await client.images.remove(img, { force: !!o.force, noPrune: o.prune === false });
        for (const d of dels ?? []) cli.print(d.Deleted ? `Deleted: ${d.Deleted}` : `Untagged: ${d.Untagged}`);
      } catch (err) {
        if (!isNotFound(err)) fatal = true;
        errors.push(errorText(err));
      }
    }
    if (errors.length) {
      // with --force, images that are already gone are reported but not fatal
      if (!o.force || fatal) throw new Error(errors.join('\n'));
      cli.printErr(errors.join('\n'));
    }
  });
}
