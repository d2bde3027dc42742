// berth compose port SERVICE PRIVATE_PORT: the host address a container of
// the service (--index, default the first) publishes that port on, as
// "0.0.0.0:8080"; compose's error naming the ports it does have otherwise.
import { ExactArgs, type BerthCommand } from '../../command';
import { projectOf } from '../project-options';
import { nameOf } from '../resources';
import { serviceContainer } from '../select';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] SERVICE PRIVATE_PORT';
  cmd.argRule = ExactArgs(2);
  cmd
    .value('--index <int>', 'Index of the container if service has multiple replicas', Number, { default: 1 })
    .value('--protocol <string>', 'tcp or udp', undefined, { default: 'tcp' });
  cmd.handle(async (cli, [service, private_], o) => {
    const port = Number(private_);
    if (!/^\d+$/.test(private_) || port > 65535) throw new Error(`invalid port: ${private_}`);
    const p = projectOf(cmd, (m) => cli.printErr(m));
    const c = await serviceContainer(cli, p, service, o.index as number);
    const hit = (c.Ports ?? []).find((x) => x.PrivatePort === port && x.Type === o.protocol && x.PublicPort);
    if (!hit) {
      const have = (c.Ports ?? []).map((x) => `${x.PrivatePort}/${x.Type}`).join(', ');
      throw new Error(`no port ${port}/${o.protocol} for container ${nameOf(c)}: ${have}`);
    }
    cli.print(`${hit.IP ?? ''}:${hit.PublicPort}`);
    return 0;
  });
}
