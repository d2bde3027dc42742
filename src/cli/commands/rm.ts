// berth rm [OPTIONS] CONTAINER [CONTAINER...]
import { MinArgs, type BerthCommand } from '../command';
import { errorText, isNotFound } from '../errors';
import { eachParallel } from '../multi';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER [CONTAINER...]';
  cmd.argRule = MinArgs(1);
  cmd
    .flag('-f, --force', 'Force the removal of a running container (uses SIGKILL)')
    .flag('-l, --link', 'Remove the specified link')
    .flag('-v, --volumes', 'Remove anonymous volumes associated with the container');
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    const results = await eachParallel(args, async (name) => {
      const id = name.replace(/^\/+|\/+$/g, '');
      if (id === '') throw new Error('container name cannot be empty');
      await client.containers.remove(id, { force: !!o.force, volumes: !!o.volumes, link: !!o.link });
    });
    const errors: string[] = [];
    results.forEach((r, i) => {
      // with --force, a container that is already gone counts as removed
      if (r.ok || (o.force && isNotFound(r.error))) cli.print(args[i]);
      else errors.push(errorText(r.error));
    });
    if (errors.length) throw new Error(errors.join('\n'));
  });
}
