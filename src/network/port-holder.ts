// Published host ports stay bound by a socket in berthd while they are
// published (as dockerd 28 does): the kernel then refuses them to any other
// process, another berthd included, and a port held elsewhere is refused to
// us. The sockets never see traffic: portmap's DNAT rewrites packets before
// they reach a local socket. One fd per port, no process per port.
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import type { Proto, PublishedPort } from './types';

const key = (ip: string, port: number, proto: Proto) => `${ip}:${port}/${proto}`;

export class PortHolder {
  private readonly held = new Map<string, Server | Socket>();

  /** Binds ip:port (0 = any free one) and keeps it; resolves to the port. Rejects with the errno error (EADDRINUSE …). */
  hold(ip: string, port: number, proto: Proto): Promise<number> {
    return new Promise((resolve, reject) => {
      if (proto === 'udp') {
        const s = createSocket('udp4');
        s.once('error', (e) => {
          s.close();
          reject(e);
        });
        s.bind({ address: ip, port, exclusive: true }, () => {
          const p = s.address().port;
          this.held.set(key(ip, p, proto), s);
          s.unref();
          resolve(p);
        });
        return;
      }
      const srv = createServer();
      srv.once('error', (e) => reject(e));
      // sctp has no node socket; tcp stands in so the number is still reserved.
      srv.listen({ host: ip, port, exclusive: true, backlog: 1 }, () => {
        const p = (srv.address() as { port: number }).port;
        this.held.set(key(ip, p, proto), srv);
        srv.unref();
        // Nothing should ever arrive (DNAT comes first); whatever does is closed.
        srv.on('connection', (c) => c.destroy());
        resolve(p);
      });
    });
  }

  release(p: Pick<PublishedPort, 'hostIp' | 'hostPort' | 'proto'>): void {
    const k = key(p.hostIp, p.hostPort, p.proto);
    const s = this.held.get(k);
    this.held.delete(k);
    s?.close();
  }

  releaseAll(): void {
    for (const s of this.held.values()) s.close();
    this.held.clear();
  }
}
