// berth compose run SERVICE [COMMAND]: a one-off container of the service
// (its dependencies brought up first unless --no-deps), attached like
// `berth run` (the shared startAttached) with the command's exit code, or
// -d printing its name; --rm removes it after.
import { MinArgs, type BerthCommand } from '../../command';
import { startAttached } from '../../attached';
import { bringUp, wantedServices } from '../bring-up';
import { oneoffRequest } from '../oneoff';
import { ensureImage, ensureNetworks, ensureVolumes } from '../prepare';
import { projectOf } from '../project-options';
import { wantsTty } from '../terminal';
import { stepPrinter } from '../resources';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] SERVICE [COMMAND] [ARGS...]';
  cmd.argRule = MinArgs(1);
  cmd.passThroughOptions(); // flags after SERVICE belong to COMMAND
  cmd
    .flag('--build', 'Build image before starting container')
    .flag('-d, --detach', 'Run container in background and print container ID')
    .value('--entrypoint <string>', 'Override the entrypoint of the image')
    .list('-e, --env <stringArray>', 'Set environment variables')
    .flag('-i, --interactive', 'Keep STDIN open even if not attached', { default: true })
    .list('-l, --label <stringArray>', 'Add or override a label')
    .value('--name <string>', 'Assign a name to the container')
    .flag('-T, --no-TTY', 'Disable pseudo-TTY allocation (default: auto-detected)')
    .flag('--no-deps', "Don't start linked services")
    .list('-p, --publish <stringArray>', "Publish a container's port(s) to the host")
    .flag('--remove-orphans', 'Remove containers for services not defined in the Compose file')
    .flag('--rm', 'Automatically remove the container when it exits')
    .flag('-P, --service-ports', "Run command with all service's ports enabled and mapped to the host")
    .value('-u, --user <string>', 'Run as specified username or uid')
    .value('-w, --workdir <string>', 'Working directory inside the container');
  cmd.handle(async (cli, [service, ...command], o) => {
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const step = stepPrinter(cli);
    const deps = wantedServices(p, [service], !!o.noDeps).filter((s) => s !== service);
    if (deps.length) await bringUp(cli, p, deps, step, { forceRecreate: false, noRecreate: false, removeOrphans: !!o.removeOrphans });
    else {
      await ensureNetworks(cli, p, step);
      await ensureVolumes(cli, p, step);
    }
    const s = p.services[service];
    await ensureImage(cli, p, s, !!o.build);
    const detach = !!o.detach;
    const interactive = !detach && o.interactive !== false;
    const tty = wantsTty(cli, o);
    const { name, body } = oneoffRequest(p, s, {
      name: o.name as string | undefined,
      command,
      entrypoint: o.entrypoint as string | undefined,
      env: (o.env as string[] | undefined) ?? [],
      labels: (o.label as string[] | undefined) ?? [],
      user: o.user as string | undefined,
      workdir: o.workdir as string | undefined,
      servicePorts: !!o.servicePorts,
      publish: (o.publish as string[] | undefined) ?? [],
      tty,
      interactive,
      rm: !!o.rm,
    });
    const { Id } = await cli.client().containers.create(body, { name });
    if (detach) {
      await cli.client().containers.start(Id);
      cli.print(name);
      return 0;
    }
    return startAttached(cli, Id, {
      tty,
      stdin: interactive,
      stdout: true,
      stderr: true,
      autoRemove: !!o.rm,
      sigProxy: true,
      startError: (err) => (err instanceof Error ? err : new Error(String(err))),
    });
  });
}
