// The swarm routes as a dockerd that is not in a swarm answers them. Clients
// (docker-py, dockerode, moby's own test set-up, the docker CLI's `info`)
// treat these 503s as "no swarm here" and go on; a 404 "page not found"
// breaks their clean-up. Swarm mode proper (SwarmKit behind these routes)
// replaces this table; until then the answers match dockerd 20.10/28 on this
// machine, route by route, including which checks come before the 503.
import { BerthError, invalidArgument } from '../../../errdefs';
import type { Route, RequestContext } from '../../server/route';

const NOT_MANAGER =
  'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
const NOT_IN_SWARM = 'This node is not part of a swarm';

const notManager = (): never => {
  throw new BerthError('Unavailable', NOT_MANAGER);
};

/** dockerd parses `?version=` (strconv.ParseUint) before it looks at the swarm. */
function requireVersion(kind: string, goStyle: boolean): (ctx: RequestContext) => never {
  return (ctx) => {
    const v = ctx.query.get('version') ?? '';
    if (!/^\d+$/.test(v)) {
      throw invalidArgument(goStyle ? `invalid ${kind} version '${v}': strconv.ParseUint: parsing ${JSON.stringify(v)}: invalid syntax` : `invalid ${kind} version`);
    }
    return notManager();
  };
}

/** Service and task logs: dockerd refuses a request with no stream chosen first (with a 500, as it does). */
function logs(ctx: RequestContext): never {
  const on = (k: string): boolean => ['1', 'true', 'True'].includes(ctx.query.get(k) ?? '');
  if (!on('stdout') && !on('stderr')) throw new BerthError('System', 'Bad parameters: you must choose at least one stream');
  return notManager();
}

/** init and join: berth has no SwarmKit on this host, so it cannot become a swarm node. */
function cannotJoin(): never {
  throw new BerthError('Unavailable', 'swarm mode is not available: this berthd has no SwarmKit (swarmd) beside it');
}

export function swarmInactiveRoutes(): Route[] {
  const r = (method: Route['method'], path: string, handler: Route['handler']): Route => ({ method, path, handler });
  const routes: Route[] = [
    r('GET', '/swarm', notManager),
    r('POST', '/swarm/init', cannotJoin),
    r('POST', '/swarm/join', cannotJoin),
    r('POST', '/swarm/leave', () => {
      throw new BerthError('Unavailable', NOT_IN_SWARM);
    }),
    r('GET', '/swarm/unlockkey', notManager),
    r('POST', '/swarm/unlock', notManager),
    r('POST', '/swarm/update', requireVersion('swarm', true)),
    r('GET', '/services/:id/logs', logs),
    r('GET', '/tasks/:id/logs', logs),
  ];
  for (const kind of ['nodes', 'services', 'tasks', 'secrets', 'configs']) {
    routes.push(r('GET', `/${kind}`, notManager), r('GET', `/${kind}/:id`, notManager));
    if (kind === 'tasks') continue;
    routes.push(r('DELETE', `/${kind}/:id`, notManager));
    if (kind !== 'nodes') routes.push(r('POST', `/${kind}/create`, notManager));
    const singular = kind.slice(0, -1);
    routes.push(r('POST', `/${kind}/:id/update`, requireVersion(singular, kind === 'nodes' || kind === 'services')));
  }
  return routes;
}
