// Starts the dashboard (src/ui) when --ui-addr / ui-addr asks for it, and
// writes its login URL where only root and the socket's group can read it:
// whoever may use the API socket may use the dashboard, nobody else.
import { chownSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type http from 'node:http';
import type { RunningUi } from '../ui';
import { isLoopback } from '../ui/guard';
import { parseHostPort, type DaemonConfig } from './config';
import { groupId } from './listen';

export async function startDashboard(cfg: DaemonConfig, api: http.Server, log: (level: 'debug' | 'info' | 'warn', msg: string) => void): Promise<RunningUi | undefined> {
  if (!cfg.uiAddr) return undefined;
  const { host, port } = parseHostPort(cfg.uiAddr, 'ui-addr');
  // The dashboard's server (and ws) is loaded only when it is asked for: ≈3 MiB of an idle berthd otherwise.
  const { serveUi } = require('../ui') as typeof import('../ui');
  const ui = await serveUi({
    host,
    port,
    // The API server's own handlers: the page's requests are dispatched exactly as a socket client's.
    api: {
      request: (req, res) => api.emit('request', req, res),
      upgrade: (req, socket, head) => api.emit('upgrade', req, socket, head),
      // an in-memory connection (the stats mux's): http.Server takes any Duplex as one
      connect: (end) => api.emit('connection', end),
    },
    tls: isLoopback(host) ? undefined : { ca: cfg.tlsCaCert, cert: cfg.tlsCert, key: cfg.tlsKey },
    log,
  });
  const file = join(cfg.execRoot, 'ui-login');
  writeFileSync(file, ui.loginUrl + '\n', { mode: 0o640 });
  const gid = groupId(cfg.group);
  if (gid !== undefined) chownSync(file, 0, gid);
  log('info', `dashboard login URL in ${file}`);
  // The secret dies with this run: leave no stale login URL behind.
  return { ...ui, close: () => (ui.close(), rmSync(file, { force: true })) };
}
