// berthd's own iptables rules: one filter chain and one nat chain per daemon
// (named with the daemon's tag, so two berthds never touch each other's
// rules), jumped to from FORWARD and POSTROUTING. Rules are per network, not
// per container: masquerade for the subnet, forwarding to and from the
// bridge, and the --internal cut. Per-container rules are portmap's, which
// CNI DEL removes. Batches go through one `iptables-restore --noflush`.
// The same rules for the IPv6 pools of EnableIPv6 networks go through
// ip6tables (an instance of its own, family 6), in chains of the same names.
import { spawn } from 'node:child_process';
import { run } from '../util/exec';
import { system } from '../errdefs';
import { hasIpv6 } from './ipv6-pool';
import type { NetworkRecord } from './types';

export interface Chains {
  filter: string;
  nat: string;
  /** Drops traffic between two different bridge networks (Docker's isolation), jumped to first from `filter`. */
  isolation: string;
}

export function chainsFor(tag: string): Chains {
  return { filter: `BERTH-FWD-${tag}`, nat: `BERTH-NAT-${tag}`, isolation: `BERTH-ISO-${tag}` };
}

/**
 * The isolation chain's whole content: published ports (DNAT'ed) stay
 * reachable from every network; otherwise one bridge network's containers
 * do not reach another's.
 */
export function isolationText(c: Chains, networks: NetworkRecord[], family: Family = 4): string {
  const bridges = networks.filter((n) => n.driver === 'bridge' && n.bridge && subnetOf(n, family)).map((n) => n.bridge!);
  let out = `*filter\n:${c.isolation} - [0:0]\n-A ${c.isolation} -m conntrack --ctstate DNAT,RELATED,ESTABLISHED -j RETURN\n`;
  for (const a of bridges) for (const b of bridges) if (a !== b) out += `-A ${c.isolation} -i ${a} -o ${b} -j DROP\n`;
  return out + 'COMMIT\n';
}

type Rule = { table: 'filter' | 'nat'; args: string[] };

export type Family = 4 | 6;

/** The network's pool of that family, if its endpoints get addresses from one. */
function subnetOf(n: NetworkRecord, family: Family): string | undefined {
  return family === 4 ? n.subnet : hasIpv6(n) ? n.subnet6 : undefined;
}

export function networkRules(c: Chains, n: NetworkRecord, family: Family = 4): Rule[] {
  const subnet = subnetOf(n, family);
  if (n.driver !== 'bridge' || !n.bridge || !subnet) return [];
  const br = n.bridge;
  if (n.internal) {
    return [
      { table: 'filter', args: ['-A', c.filter, '-i', br, '!', '-o', br, '-j', 'DROP'] },
      { table: 'filter', args: ['-A', c.filter, '-o', br, '!', '-i', br, '-j', 'DROP'] },
      { table: 'filter', args: ['-A', c.filter, '-i', br, '-o', br, '-j', 'ACCEPT'] },
    ];
  }
  return [
    { table: 'nat', args: ['-A', c.nat, '-s', subnet, '!', '-o', br, '-j', 'MASQUERADE'] },
    { table: 'filter', args: ['-A', c.filter, '-o', br, '-j', 'ACCEPT'] },
    { table: 'filter', args: ['-A', c.filter, '-i', br, '-j', 'ACCEPT'] },
  ];
}

function restoreText(rules: Rule[], op: '-A' | '-D'): string {
  let out = '';
  for (const table of ['filter', 'nat'] as const) {
    const mine = rules.filter((r) => r.table === table);
    if (!mine.length) continue;
    out += `*${table}\n`;
    for (const r of mine) out += [op, ...r.args.slice(1)].map(quote).join(' ') + '\n';
    out += 'COMMIT\n';
  }
  return out;
}

const quote = (s: string) => (/^[\w./:!+-]+$/.test(s) ? s : `"${s.replace(/"/g, '\\"')}"`);

function restore(bin: string, text: string): Promise<void> {
  if (!text) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const p = spawn(`${bin}-restore`, ['-w', '--noflush'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', (e) => reject(system(`${bin}-restore: ${e.message}`)));
    p.on('close', (code) => (code === 0 ? resolve() : reject(system(`${bin}-restore: ${err.trim()}`))));
    p.stdin.end(text);
  });
}

export class Iptables {
  private readonly bin: string;

  constructor(
    private readonly chains: Chains,
    private readonly family: Family = 4,
  ) {
    this.bin = family === 6 ? 'ip6tables' : 'iptables';
  }

  /** Creates (or empties) the daemon's chains and makes sure FORWARD/POSTROUTING jump to them, then adds every network's rules. */
  async reset(networks: NetworkRecord[]): Promise<void> {
    const c = this.chains;
    await run(this.bin, ['-w', '-t', 'filter', '-N', c.filter]).catch(() => {});
    await run(this.bin, ['-w', '-t', 'filter', '-N', c.isolation]).catch(() => {});
    await run(this.bin, ['-w', '-t', 'nat', '-N', c.nat]).catch(() => {});
    await run(this.bin, ['-w', '-t', 'filter', '-F', c.filter]);
    await run(this.bin, ['-w', '-t', 'nat', '-F', c.nat]);
    await run(this.bin, ['-w', '-t', 'filter', '-A', c.filter, '-j', c.isolation]);
    await run(this.bin, ['-w', '-t', 'filter', '-C', 'FORWARD', '-j', c.filter]).catch(() =>
      run(this.bin, ['-w', '-t', 'filter', '-I', 'FORWARD', '1', '-j', c.filter]),
    );
    await run(this.bin, ['-w', '-t', 'nat', '-C', 'POSTROUTING', '-j', c.nat]).catch(() =>
      run(this.bin, ['-w', '-t', 'nat', '-I', 'POSTROUTING', '1', '-j', c.nat]),
    );
    await restore(this.bin, restoreText(networks.flatMap((n) => networkRules(c, n, this.family)), '-A'));
    await restore(this.bin, isolationText(c, networks, this.family));
  }

  /** `all` includes the new network. */
  async addNetwork(n: NetworkRecord, all: NetworkRecord[]): Promise<void> {
    await restore(this.bin, restoreText(networkRules(this.chains, n, this.family), '-A'));
    await restore(this.bin, isolationText(this.chains, all, this.family));
  }

  /** `rest` are the networks that stay. */
  async removeNetwork(n: NetworkRecord, rest: NetworkRecord[]): Promise<void> {
    await restore(this.bin, isolationText(this.chains, rest, this.family)).catch(() => {});
    // Rule by rule: one already gone must not keep the others.
    for (const r of networkRules(this.chains, n, this.family)) {
      await run(this.bin, ['-w', '-t', r.table, '-D', ...r.args.slice(1)]).catch(() => {});
    }
  }
}
