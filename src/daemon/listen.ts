// Unix sockets for the API: refuse to steal a socket another daemon serves,
// clear a stale one, and give it mode 0660 and the berth group.
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import type Tls from 'node:tls';
import { dirname } from 'node:path';
import type http from 'node:http';

export function groupId(name: string): number | undefined {
  try {
    const line = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
    return line ? Number(line.split(':')[2]) : undefined;
  } catch {
    return undefined;
  }
}

function inUse(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(path);
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });
}

/**
 * Serves the API on a unix socket. The first socket is the HTTP server's own
 * listener (node tracks its connections for timeouts and shutdown from
 * there); every further -H unix:// gets a listener of its own that hands its
 * connections to the same server, as the TCP doors do: a node server can
 * listen only once.
 */
export async function listenUnix(
  server: http.Server,
  path: string,
  group: string,
  warn: (m: string) => void,
  opts: { separate?: boolean } = {},
): Promise<TcpDoor> {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path)) {
    if (await inUse(path)) throw new Error(`${path} is in use by another daemon`);
    rmSync(path, { force: true });
  }
  const target: net.Server = opts.separate ? net.createServer({ allowHalfOpen: true }, (sock) => server.emit('connection', sock)) : server;
  await new Promise<void>((resolve, reject) => {
    target.once('error', reject);
    target.listen(path, () => (target.off('error', reject), resolve()));
  });
  chmodSync(path, 0o660);
  const gid = groupId(group);
  if (gid === undefined) warn(`group ${group} not found; ${path} stays root:root`);
  else chownSync(path, 0, gid);
  // The server's own listener closes with the server.
  return { close: () => void (opts.separate ? target.close() : undefined) };
}

export interface TcpDoor {
  close(): void;
}

/**
 * A TCP listener that hands its connections to the API server. With `tls`,
 * a client must present a certificate signed by the CA before it gets a
 * single byte of HTTP (node's tls with requestCert + rejectUnauthorized):
 * without one the handshake fails and the socket is closed.
 */
export async function listenTcp(
  server: http.Server,
  addr: { host: string; port: number },
  tlsFiles: { ca: string; cert: string; key: string } | undefined,
  log: (level: 'debug' | 'warn', m: string) => void,
): Promise<TcpDoor & { port: number }> {
  const hand = (sock: net.Socket) => server.emit('connection', sock);
  let door: net.Server;
  if (tlsFiles) {
    const read = (what: string, p: string) => {
      try {
        return readFileSync(p);
      } catch (err) {
        throw new Error(`could not load ${what} ${p}: ${(err as Error).message}`);
      }
    };
    // node:tls only for a TLS listener: a socket-only berthd does not load it (idle memory).
    const tls = require('node:tls') as typeof Tls;
    const t = tls.createServer(
      {
        ca: read('CA certificate', tlsFiles.ca),
        cert: read('certificate', tlsFiles.cert),
        key: read('key', tlsFiles.key),
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
        // As http.Server's own: clients half-close hijacked streams (docker run without -i).
        allowHalfOpen: true,
      },
      hand,
    );
    t.on('tlsClientError', (err, sock) => {
      log('debug', `TLS handshake from ${sock.remoteAddress} failed: ${err.message}`);
      sock.destroy();
    });
    door = t;
  } else {
    door = net.createServer({ allowHalfOpen: true }, hand);
  }
  await new Promise<void>((resolve, reject) => {
    door.once('error', reject);
    door.listen(addr.port, addr.host, () => (door.off('error', reject), resolve()));
  });
  const port = (door.address() as net.AddressInfo).port;
  return { port, close: () => door.close() };
}
