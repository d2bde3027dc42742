// The embedded DNS server for user-defined networks. berthd listens on each
// such network's gateway address, port 53/udp (a socket in berthd's own
// namespace, so no process per network and nothing to set up inside the
// containers: their resolv.conf names the gateway). Names of containers on
// the same network (name, alias, short ID) are answered here; every other
// question is forwarded unchanged to the host's resolvers.
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import type * as Packet from 'dns-packet';
import { lazy } from '../util/lazy';

// Only a question needs it: a berthd without user-defined networks never does.
const dnsPacket = lazy(() => require('dns-packet') as typeof Packet);

export interface DnsOptions {
  /** Addresses (IPv4, and IPv6 on EnableIPv6 networks) of the containers called `name` on the network, as the container at `from` sees them (its links). */
  lookup(networkId: string, name: string, from: string): string[];
  /** Where other names go for the container at `from`: its --dns, daemon.json `dns`, else the host's nameservers. */
  upstreams(networkId: string, from: string): string[];
  log: (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void;
}

export function hostNameservers(text?: string): string[] {
  let t = text;
  if (t === undefined) {
    try {
      t = readFileSync('/etc/resolv.conf', 'utf8');
    } catch {
      return [];
    }
  }
  return t
    .split('\n')
    .map((l) => /^\s*nameserver\s+(\S+)/.exec(l)?.[1])
    .filter((x): x is string => !!x && !x.includes(':'));
}

export class DnsServer {
  private readonly sockets = new Map<string, Socket>();

  constructor(private readonly o: DnsOptions) {}

  listening(networkId: string): boolean {
    return this.sockets.has(networkId);
  }

  listen(networkId: string, ip: string): Promise<void> {
    if (this.sockets.has(networkId)) return Promise.resolve();
    return new Promise((resolve) => {
      const s = createSocket('udp4');
      s.on('message', (msg, from) => void this.answer(networkId, msg, from.address).then((r) => r && s.send(r, from.port, from.address)));
      s.once('error', (err) => {
        this.o.log('warn', `DNS server on ${ip}:53 for network ${networkId.slice(0, 12)}: ${err.message}`);
        this.sockets.delete(networkId);
        s.close();
        resolve();
      });
      s.bind(53, ip, () => resolve());
      this.sockets.set(networkId, s);
    });
  }

  close(networkId: string): void {
    const s = this.sockets.get(networkId);
    this.sockets.delete(networkId);
    s?.close();
  }

  closeAll(): void {
    for (const id of [...this.sockets.keys()]) this.close(id);
  }

  private async answer(networkId: string, msg: Buffer, from: string): Promise<Buffer | undefined> {
    const packet = dnsPacket();
    let q: Packet.Packet;
    try {
      q = packet.decode(msg);
    } catch {
      return undefined;
    }
    const question = q.questions?.[0];
    if (!question) return undefined;
    const name = question.name.replace(/\.$/, '');
    const ips = this.o.lookup(networkId, name.toLowerCase(), from);
    if (ips.length) {
      // A known name answers for itself: A with its IPv4 addresses, AAAA with its IPv6 ones (empty, never forwarded, when it has none).
      const any = (question.type as string) === 'ANY';
      const answers = [
        ...(question.type === 'A' || any ? ips.filter((ip) => !ip.includes(':')).map((ip) => ({ type: 'A' as const, name: question.name, ttl: 600, class: 'IN' as const, data: ip })) : []),
        ...(question.type === 'AAAA' || any ? ips.filter((ip) => ip.includes(':')).map((ip) => ({ type: 'AAAA' as const, name: question.name, ttl: 600, class: 'IN' as const, data: ip })) : []),
      ];
      return packet.encode({
        type: 'response',
        id: q.id,
        flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | packet.AUTHORITATIVE_ANSWER,
        questions: q.questions,
        answers,
      });
    }
    for (const server of this.o.upstreams(networkId, from)) {
      const r = await forward(msg, server).catch(() => undefined);
      if (r) return r;
    }
    return packet.encode({
      type: 'response',
      id: q.id,
      flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | 2 /* SERVFAIL */,
      questions: q.questions,
    });
  }
}

function forward(msg: Buffer, server: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    const t = setTimeout(() => {
      s.close();
      reject(new Error('timeout'));
    }, 3000);
    s.once('message', (r) => {
      clearTimeout(t);
      s.close();
      resolve(r);
    });
    s.once('error', (e) => {
      clearTimeout(t);
      s.close();
      reject(e);
    });
    s.send(msg, 53, server);
  });
}
