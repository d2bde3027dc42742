// Host ports for -p/-P: Docker's PortBindings and ExposedPorts turned into
// concrete (host ip, host port, container port, proto) entries. A port held
// by another container of this daemon or by any process on the host is
// refused with Docker's errors; ephemeral ports come from the kernel.
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { invalidArgument } from '../errdefs';
import type { PortHolder } from './port-holder';
import type { Proto, PublishedPort } from './types';

export type PortBindings = Record<string, { HostIp?: string; HostPort?: string }[] | null>;

export class PortTakenError extends Error {}

function parseKey(key: string): { start: number; end: number; proto: Proto } {
  const [range, proto = 'tcp'] = key.split('/');
  const [a, b] = range.split('-');
  const start = Number(a);
  const end = b === undefined ? start : Number(b);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 1 || end > 65535 || end < start) {
    throw invalidArgument(`invalid port specification: "${key}"`);
  }
  if (!['tcp', 'udp', 'sctp'].includes(proto)) throw invalidArgument(`invalid proto: ${proto}`);
  return { start, end, proto: proto as Proto };
}

/** Whether the kernel lets us bind ip:port/proto right now (port 0 = any); returns the port. */
export function probePort(ip: string, port: number, proto: Proto): Promise<number> {
  return new Promise((resolve, reject) => {
    if (proto === 'udp') {
      const s = createSocket('udp4');
      s.once('error', (e) => reject(e));
      s.bind({ address: ip, port, exclusive: true }, () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
      return;
    }
    const srv = createServer();
    srv.once('error', (e) => reject(e));
    srv.listen({ host: ip, port, exclusive: true }, () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

const clash = (a: PublishedPort, ip: string, port: number, proto: Proto) =>
  a.hostPort === port && a.proto === proto && (a.hostIp === ip || a.hostIp === '0.0.0.0' || ip === '0.0.0.0');

/**
 * Resolves every binding to a host port. `taken` are the ports other
 * containers of this daemon publish. `describe` names the endpoint in errors
 * as Docker does ("c1 (endpoint id)").
 */
export async function allocatePorts(
  bindings: PortBindings,
  exposed: Record<string, object>,
  publishAll: boolean,
  taken: PublishedPort[],
  describe: string,
  containerIp: string,
  holder?: PortHolder,
): Promise<PublishedPort[]> {
  // With a holder the chosen ports stay bound; without, they are only checked.
  const bind = (ip: string, port: number, proto: Proto) => (holder ? holder.hold(ip, port, proto) : probePort(ip, port, proto));
  const out: PublishedPort[] = [];
  try {
    return await choose(bindings, exposed, publishAll, taken, describe, containerIp, bind, (p) => holder?.release(p), out);
  } catch (err) {
    for (const p of out) holder?.release(p);
    throw err;
  }
}

async function choose(
  bindings: PortBindings,
  exposed: Record<string, object>,
  publishAll: boolean,
  taken: PublishedPort[],
  describe: string,
  containerIp: string,
  bind: (ip: string, port: number, proto: Proto) => Promise<number>,
  unbind: (p: Pick<PublishedPort, 'hostIp' | 'hostPort' | 'proto'>) => void,
  out: PublishedPort[],
): Promise<PublishedPort[]> {
  const wanted: { ip: string; hostStart: number; hostEnd: number; cport: number; proto: Proto }[] = [];
  const seen = new Set<string>();
  for (const [key, list] of Object.entries(bindings ?? {})) {
    const k = parseKey(key);
    for (let cport = k.start; cport <= k.end; cport++) {
      seen.add(`${cport}/${k.proto}`);
      for (const b of list?.length ? list : [{}]) {
        const ip = b.HostIp || '0.0.0.0';
        let hostStart = 0;
        let hostEnd = 0;
        if (b.HostPort) {
          const [a, z] = b.HostPort.split('-').map(Number);
          hostStart = a;
          hostEnd = z ?? a;
          if (!Number.isInteger(hostStart) || !Number.isInteger(hostEnd) || hostStart < 0 || hostEnd > 65535 || hostEnd < hostStart) {
            throw invalidArgument(`invalid port specification: "${b.HostPort}"`);
          }
          // "8000-8001:80-81" arrives as one binding per container port with the same range.
          if (k.end > k.start && hostEnd - hostStart === k.end - k.start) hostStart = hostEnd = hostStart + (cport - k.start);
        }
        wanted.push({ ip, hostStart, hostEnd, cport, proto: k.proto });
      }
    }
  }
  if (publishAll) {
    for (const key of Object.keys(exposed ?? {})) {
      const k = parseKey(key);
      for (let cport = k.start; cport <= k.end; cport++) {
        if (!seen.has(`${cport}/${k.proto}`)) wanted.push({ ip: '0.0.0.0', hostStart: 0, hostEnd: 0, cport, proto: k.proto });
      }
    }
  }

  for (const w of wanted) {
    const all = [...taken, ...out];
    const target = (p: number) => `${w.ip}:${p}:${containerIp}:${w.cport}/${w.proto}`;
    if (w.hostStart === 0) {
      let port = 0;
      for (let tries = 0; tries < 20 && !port; tries++) {
        const p = await bind(w.ip, 0, w.proto).catch(() => 0);
        if (p && !all.some((a) => clash(a, w.ip, p, w.proto))) port = p;
        else if (p) unbind({ hostIp: w.ip, hostPort: p, proto: w.proto });
      }
      if (!port) throw new PortTakenError(`driver failed programming external connectivity on endpoint ${describe}: no free host port for ${w.cport}/${w.proto}`);
      out.push({ hostIp: w.ip, hostPort: port, containerPort: w.cport, proto: w.proto });
      continue;
    }
    let chosen = 0;
    let lastErr = '';
    for (let p = w.hostStart; p <= w.hostEnd && !chosen; p++) {
      if (all.some((a) => clash(a, w.ip, p, w.proto))) {
        lastErr = `Bind for ${w.ip}:${p} failed: port is already allocated`;
        continue;
      }
      try {
        await bind(w.ip, p, w.proto);
        chosen = p;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        lastErr =
          code === 'EADDRINUSE'
            ? `failed to bind host port for ${target(p)}: address already in use`
            : `failed to bind host port for ${target(p)}: ${(err as Error).message}`;
      }
    }
    if (!chosen) throw new PortTakenError(`driver failed programming external connectivity on endpoint ${describe}: ${lastErr}`);
    out.push({ hostIp: w.ip, hostPort: chosen, containerPort: w.cport, proto: w.proto });
  }
  return out;
}

/** NetworkSettings.Ports: every exposed or published port, with its host bindings (null when not published). */
export function portMap(exposed: Record<string, object> | null | undefined, published: PublishedPort[]): Record<string, { HostIp: string; HostPort: string }[] | null> {
  const out: Record<string, { HostIp: string; HostPort: string }[] | null> = {};
  for (const key of Object.keys(exposed ?? {})) out[key.includes('/') ? key : `${key}/tcp`] = null;
  for (const p of published) {
    const key = `${p.containerPort}/${p.proto}`;
    (out[key] ??= []).push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
  }
  return out;
}
