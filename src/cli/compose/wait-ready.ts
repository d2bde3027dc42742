// `up --wait`: each container running, and healthy when it has a
// healthcheck; a container that exits (a one-shot with exit 0 aside) or
// turns unhealthy fails the wait, as does the --wait-timeout.
import type { Cli } from '../context';
import type { Converged } from './converge';
import type { Step } from './resources';

export async function waitReady(cli: Cli, containers: Converged[], step: Step, timeoutSeconds?: number): Promise<void> {
  const deadline = timeoutSeconds ? Date.now() + timeoutSeconds * 1000 : Infinity;
  await Promise.all(
    containers.map(async (c) => {
      step('Container', c.name, 'Waiting');
      for (;;) {
        const st = (await cli.client().containers.inspect(c.id)).State;
        const health = st?.Health?.Status;
        if (st?.Running && (!health || health === 'healthy')) break;
        // an exit is named as such even though the daemon also marks an exited container unhealthy
        if (!st?.Running && st?.Status !== 'created' && !st?.Restarting) {
          if (st?.ExitCode === 0 && !health) break;
          throw new Error(`container ${c.name} exited (${st?.ExitCode})`);
        }
        if (health === 'unhealthy') throw new Error(`container ${c.name} is unhealthy`);
        if (Date.now() > deadline) throw new Error(`timeout waiting for container ${c.name} to be ready`);
        await new Promise((r) => setTimeout(r, 250));
      }
      step('Container', c.name, 'Healthy');
    }),
  );
}
