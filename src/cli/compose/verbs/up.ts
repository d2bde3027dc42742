// berth compose up: the project's networks and volumes, then each service
// in dependency order (waiting for service_healthy and
// service_completed_successfully), its containers created or, when the
// service's config changed, recreated, and started; containers beyond the
// scale removed. With -d that is all (--wait: until they are running or
// healthy); attached, the containers' logs follow until they stop.
import type { BerthCommand } from '../../command';
import { StatusError } from '../../errors';
import { runAttached } from '../attached-up';
import { bringUp, wantedServices } from '../bring-up';
import { projectOf } from '../project-options';
import { stepPrinter } from '../resources';
import { waitReady } from '../wait-ready';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVICE...]';
  cmd
    .flag('-d, --detach', 'Detached mode: Run containers in the background')
    .flag('--abort-on-container-exit', 'Stops all containers if any container was stopped. Incompatible with -d')
    .value('--exit-code-from <string>', 'Return the exit code of the selected service container. Implies --abort-on-container-exit')
    .flag('--build', 'Build images before starting containers')
    .flag('--no-build', "Don't build an image, even if it's policy")
    .flag('--force-recreate', "Recreate containers even if their configuration and image haven't changed")
    .flag('--no-recreate', "If containers already exist, don't recreate them")
    .flag('--no-deps', "Don't start linked services")
    .flag('--no-start', "Don't start the services after creating them")
    .flag('--no-color', 'Produce monochrome output')
    .flag('--no-log-prefix', "Don't print prefix in logs")
    .flag('--timestamps', 'Show timestamps')
    .flag('--remove-orphans', 'Remove containers for services not defined in the Compose file')
    .list('--scale <scale>', 'Scale SERVICE to NUM instances. Overrides the scale setting in the Compose file if present')
    .value('-t, --timeout <int>', 'Use this timeout in seconds for container shutdown when attached or when containers are already running', Number)
    .flag('--wait', 'Wait for services to be running|healthy. Implies detached mode.')
    .value('--wait-timeout <int>', 'Maximum duration in seconds to wait for the project to be running|healthy', Number);
  cmd.handle(async (cli, args, o) => {
    const abortOnExit = !!o.abortOnContainerExit || !!o.exitCodeFrom;
    const detach = !!o.detach || !!o.wait;
    // compose's own wording for the flag clashes it refuses
    if (detach && abortOnExit) throw new StatusError(1, `${o.wait ? '--wait' : '--detach'} and --abort-on-container-exit are incompatible`);
    if (o.build && o.build === o.noBuild) throw new StatusError(1, '--build and --no-build are incompatible');
    if (o.forceRecreate && o.noRecreate) throw new StatusError(1, '--force-recreate and --no-recreate are incompatible');
    const p = projectOf(cmd, (m) => cli.printErr(m));
    for (const sc of (o.scale as string[] | undefined) ?? []) {
      const [svc, num] = sc.split('=');
      if (!p.services[svc]) throw new Error(`no such service: ${svc}`);
      if (!/^\d+$/.test(num ?? '')) throw new Error(`invalid --scale value: ${sc}`);
      p.services[svc].scale = Number(num);
    }
    if (o.exitCodeFrom && !p.services[o.exitCodeFrom as string]) throw new Error(`no such service: ${o.exitCodeFrom}`);
    const order = wantedServices(p, args, !!o.noDeps);
    const step = stepPrinter(cli);
    const since = (Date.now() / 1000).toFixed(3);
    const timeout = o.timeout as number | undefined;
    const up = await bringUp(cli, p, order, step, {
      forceRecreate: !!o.forceRecreate,
      noRecreate: !!o.noRecreate,
      timeout,
      start: !o.noStart,
      build: !!o.build,
      removeOrphans: !!o.removeOrphans,
    });
    if (o.noStart) return 0;
    if (o.wait) {
      await waitReady(cli, up, step, o.waitTimeout as number | undefined);
      return 0;
    }
    if (detach) return 0;
    // only the services asked for are shown (their dependencies run silently), as compose does
    const shown = args.length ? up.filter((c) => args.includes(c.service)) : up;
    return runAttached(cli, p, shown, step, {
      abortOnExit,
      exitCodeFrom: o.exitCodeFrom as string | undefined,
      timeout,
      color: o.color !== false && !!(cli.out as NodeJS.WriteStream).isTTY,
      prefix: o.logPrefix !== false,
      timestamps: !!o.timestamps,
      since,
    });
  });
}
