// Where the daemon listens: "unix:///path/to.sock" or "tcp://host:port".
// Plain TCP only for now (TLS comes with the daemon's TLS listener).

export const DEFAULT_HOST = 'unix:///run/berth/berth.sock';
/** Docker's default plain-HTTP port, used when a tcp:// host gives none. */
export const DEFAULT_TCP_PORT = 2375;

export type HostSpec =
  | { proto: 'unix'; path: string; url: string }
  | { proto: 'tcp'; host: string; port: number; url: string };

export class HostParseError extends Error {}

/** Parse a -H / BERTH_HOST / DOCKER_HOST value the way the docker client does. */
export function parseHost(raw: string | undefined): HostSpec {
  const s = (raw ?? '').trim() || DEFAULT_HOST;
  const sep = s.indexOf('://');
  if (sep < 0) throw new HostParseError(`unable to parse berth host \`${s}\``);
  const proto = s.slice(0, sep).toLowerCase();
  const addr = s.slice(sep + 3);
  if (proto === 'unix') {
    if (!addr) throw new HostParseError(`unable to parse berth host \`${s}\``);
    return { proto: 'unix', path: addr, url: `unix://${addr}` };
  }
  if (proto === 'tcp' || proto === 'http') {
    // Drop any path part ("tcp://host:2375/base" is not supported here).
    const hostport = addr.replace(/\/.*$/, '');
    let host = hostport;
    let port = DEFAULT_TCP_PORT;
    const m = /^\[([^\]]+)\](?::(\d*))?$/.exec(hostport) ?? /^([^:]*)(?::(\d*))?$/.exec(hostport);
    if (!m) throw new HostParseError(`unable to parse berth host \`${s}\``);
    host = m[1] || 'localhost';
    if (m[2]) {
      port = Number(m[2]);
      if (!Number.isInteger(port) || port <= 0 || port > 65535) {
        throw new HostParseError(`invalid port in berth host \`${s}\``);
      }
    }
    const shown = host.includes(':') ? `[${host}]` : host;
    return { proto: 'tcp', host, port, url: `tcp://${shown}:${port}` };
  }
  throw new HostParseError(`protocol not available for berth host \`${s}\`: ${proto}`);
}
