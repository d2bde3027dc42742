// Linux bridges and the host's routes, through iproute2's JSON output.
import { run } from '../util/exec';
import { parseCidr, type Cidr } from './ipv4';

/** The IPv4 address/prefix of a device, or undefined if it has none; null if the device does not exist. */
export async function deviceAddress(name: string): Promise<string | undefined | null> {
  try {
    const { stdout } = await run('ip', ['-j', '-4', 'addr', 'show', 'dev', name]);
    const list = JSON.parse(stdout) as { addr_info?: { local: string; prefixlen: number }[] }[];
    const a = list[0]?.addr_info?.[0];
    return a ? `${a.local}/${a.prefixlen}` : undefined;
  } catch {
    return null;
  }
}

/** Every IPv4 destination the host routes (except the default route). */
export async function hostRoutes(): Promise<Cidr[]> {
  const { stdout } = await run('ip', ['-j', '-4', 'route', 'show', 'table', 'all']);
  const out: Cidr[] = [];
  for (const r of JSON.parse(stdout) as { dst: string; type?: string }[]) {
    if (r.dst === 'default' || (r.type && r.type !== 'unicast')) continue;
    const c = parseCidr(r.dst.includes('/') ? r.dst : `${r.dst}/32`);
    if (c) out.push(c.cidr);
  }
  return out;
}

/** Creates the bridge with the gateway address (and the IPv6 one) and brings it up; existing parts are kept. */
export async function ensureBridge(name: string, gatewayCidr: string, gatewayCidr6?: string): Promise<void> {
  const have = await deviceAddress(name);
  if (have === null) await run('ip', ['link', 'add', name, 'type', 'bridge']).catch(async (err) => {
    if ((await deviceAddress(name)) === null) throw err;
  });
  if (!have) await run('ip', ['addr', 'add', gatewayCidr, 'dev', name]).catch(() => {});
  // nodad: the gateway is the bridge's own; waiting out duplicate detection would only delay the first container.
  if (gatewayCidr6) await run('ip', ['-6', 'addr', 'add', gatewayCidr6, 'dev', name, 'nodad']).catch(() => {});
  await run('ip', ['link', 'set', name, 'up']);
}

export async function deleteLink(name: string): Promise<void> {
  await run('ip', ['link', 'del', name]).catch(() => {});
}
