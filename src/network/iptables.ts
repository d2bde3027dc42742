// berthd's own iptables rules: one filter chain and one nat chain per daemon
// (named with the daemon's tag, so two berthds never touch each other's
// rules), jumped to from FORWARD and POSTROUTING. Rules are per network, not
// per container: masquerade for the subnet, forwarding to and from the
// bridge, and the --internal cut. Per-container rules are portmap's, which
// CNI DEL removes. Batches go through one `iptables-restore --noflush`.
import { spawn } from 'node:child_process';
import { run } from '../util/exec';
import { system } from '../errdefs';
import type { NetworkRecord } from './types';

export interface Chains {
  filter: string;
  nat: string;
}

export function chainsFor(tag: string): Chains {
  return { filter: `BERTH-FWD-${tag}`, nat: `BERTH-NAT-${tag}` };
}

type Rule = { table: 'filter' | 'nat'; args: string[] };

export function networkRules(c: Chains, n: NetworkRecord): Rule[] {
  if (n.driver !== 'bridge' || !n.bridge || !n.subnet) return [];
  const br = n.bridge;
  if (n.internal) {
    return [
      { table: 'filter', args: ['-A', c.filter, '-i', br, '!', '-o', br, '-j', 'DROP'] },
      { table: 'filter', args: ['-A', c.filter, '-o', br, '!', '-i', br, '-j', 'DROP'] },
      { table: 'filter', args: ['-A', c.filter, '-i', br, '-o', br, '-j', 'ACCEPT'] },
    ];
  }
  return [
    { table: 'nat', args: ['-A', c.nat, '-s', n.subnet, '!', '-o', br, '-j', 'MASQUERADE'] },
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

function restore(text: string): Promise<void> {
  if (!text) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const p = spawn('iptables-restore', ['-w', '--noflush'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', (e) => reject(system(`iptables-restore: ${e.message}`)));
    p.on('close', (code) => (code === 0 ? resolve() : reject(system(`iptables-restore: ${err.trim()}`))));
    p.stdin.end(text);
  });
}

export class Iptables {
  constructor(private readonly chains: Chains) {}

  /** Creates (or empties) the daemon's chains and makes sure FORWARD/POSTROUTING jump to them, then adds every network's rules. */
  async reset(networks: NetworkRecord[]): Promise<void> {
    const c = this.chains;
    await run('iptables', ['-w', '-t', 'filter', '-N', c.filter]).catch(() => {});
    await run('iptables', ['-w', '-t', 'nat', '-N', c.nat]).catch(() => {});
    await run('iptables', ['-w', '-t', 'filter', '-F', c.filter]);
    await run('iptables', ['-w', '-t', 'nat', '-F', c.nat]);
    await run('iptables', ['-w', '-t', 'filter', '-C', 'FORWARD', '-j', c.filter]).catch(() =>
      run('iptables', ['-w', '-t', 'filter', '-I', 'FORWARD', '1', '-j', c.filter]),
    );
    await run('iptables', ['-w', '-t', 'nat', '-C', 'POSTROUTING', '-j', c.nat]).catch(() =>
      run('iptables', ['-w', '-t', 'nat', '-I', 'POSTROUTING', '1', '-j', c.nat]),
    );
    await restore(restoreText(networks.flatMap((n) => networkRules(c, n)), '-A'));
  }

  async addNetwork(n: NetworkRecord): Promise<void> {
    await restore(restoreText(networkRules(this.chains, n), '-A'));
  }

  async removeNetwork(n: NetworkRecord): Promise<void> {
    // Rule by rule: one already gone must not keep the others.
    for (const r of networkRules(this.chains, n)) {
      await run('iptables', ['-w', '-t', r.table, '-D', ...r.args.slice(1)]).catch(() => {});
    }
  }
}
