// The plugin routes as a dockerd with no plugin installed answers them:
// clients list plugins first (moby's integration suite does in every test's
// set-up), so the list is `[]` and a named plugin is dockerd's 404. berth has
// no managed plugins: installing one is refused with a clear 501.
import { BerthError, notFound } from '../../../errdefs';
import type { Route, RequestContext } from '../../server/route';

/** Plugin names contain '/' (vieux/sshfs:latest): the action is the last path element. */
function nameAndAction(ctx: RequestContext): { name: string; action: string } {
  const rest = ctx.params['*'] ?? '';
  const i = rest.lastIndexOf('/');
  return i < 0 ? { name: rest, action: '' } : { name: rest.slice(0, i), action: rest.slice(i + 1) };
}

/** dockerd names the reference as given, except upgrade, which adds a missing tag. */
function missing(name: string, withTag = false): never {
  if (withTag && !/:[^/]*$/.test(name) && !name.includes('@')) name += ':latest';
  throw notFound(`plugin ${JSON.stringify(name)} not found`);
}

const unsupported = (): never => {
  throw new BerthError('NotImplemented', 'berth does not support managed plugins');
};

const ACTIONS: Record<string, string[]> = {
  GET: ['json'],
  POST: ['enable', 'disable', 'push', 'set', 'upgrade'],
};

export function pluginRoutes(): Route[] {
  const named = (method: 'GET' | 'POST'): Route => ({
    method,
    path: '/plugins/*',
    handler: (ctx) => {
      const { name, action } = nameAndAction(ctx);
      if (!name || !ACTIONS[method].includes(action)) throw notFound('page not found');
      return missing(name, action === 'upgrade');
    },
  });
  return [
    { method: 'GET', path: '/plugins', handler: (ctx) => ctx.send(200, []) },
    { method: 'GET', path: '/plugins/privileges', handler: (ctx) => ctx.send(200, []) },
    { method: 'POST', path: '/plugins/pull', handler: unsupported },
    { method: 'POST', path: '/plugins/create', handler: unsupported },
    named('GET'),
    named('POST'),
    { method: 'DELETE', path: '/plugins/*', handler: (ctx) => missing(ctx.params['*'] ?? '') },
  ];
}
