// The container of `compose run`: the service's create request, turned into
// a one-off (compose's oneoff label and "<project>-<service>-run-<hex>"
// name), its command, entrypoint, environment, user and workdir as given,
// and no published ports unless --service-ports or -p asked for them.
import { randomBytes } from 'node:crypto';
import type { ContainerCreateRequest } from '../../api/types';
import { parsePublish } from '../opts/ports';
import { containerName, createRequest } from './convert';
import { L } from './labels';
import type { Project, Service } from './model/types';

export interface OneoffOptions {
  name?: string;
  command: string[];
  entrypoint?: string;
  env: string[];
  labels: string[];
  user?: string;
  workdir?: string;
  servicePorts: boolean;
  publish: string[];
  tty: boolean;
  interactive: boolean;
  rm: boolean;
}

export function oneoffRequest(p: Project, s: Service, o: OneoffOptions): { name: string; body: ContainerCreateRequest } {
  const name = o.name ?? `${p.name}-${s.name}-run-${randomBytes(6).toString('hex')}`;
  const resolve = (svc: string) => (p.services[svc] ? containerName(p, p.services[svc], 1) : undefined);
  const body = createRequest(p, { ...s, container_name: undefined }, 1, resolve);
  body.Labels = { ...body.Labels, [L.oneoff]: 'True' };
  for (const l of o.labels) {
    const eq = l.indexOf('=');
    body.Labels[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? '' : l.slice(eq + 1);
  }
  if (o.command.length) body.Cmd = o.command;
  if (o.entrypoint !== undefined) body.Entrypoint = o.entrypoint === '' ? [] : [o.entrypoint];
  if (o.env.length) body.Env = [...(body.Env ?? []), ...o.env];
  if (o.user) body.User = o.user;
  if (o.workdir) body.WorkingDir = o.workdir;
  body.Tty = o.tty;
  body.OpenStdin = o.interactive;
  body.AttachStdin = o.interactive;
  body.AttachStdout = true;
  body.AttachStderr = true;
  body.HostConfig = { ...body.HostConfig, AutoRemove: o.rm };
  // compose run publishes nothing of the service's unless asked: it must not clash with the service's own containers
  if (!o.servicePorts) delete body.HostConfig.PortBindings;
  if (o.publish.length) {
    const { exposed, bindings } = parsePublish(o.publish);
    body.ExposedPorts = { ...body.ExposedPorts, ...exposed };
    body.HostConfig.PortBindings = { ...body.HostConfig.PortBindings, ...bindings };
  }
  // the one-off answers to its own name on the project's networks, not to the service's
  for (const ep of Object.values(body.NetworkingConfig?.EndpointsConfig ?? {})) ep.Aliases = [name, ...(ep.Aliases ?? []).slice(2)];
  return { name, body };
}
