// GET /containers/json: Docker's ContainerSummary list with -a, -n/--last,
// -s and the filters ps users reach for.
import { invalidArgument } from '../errdefs';
import type { ContainerDeps } from './deps';
import { mountPoints, networkName, networkSettings } from './inspect';
import { findContainer } from './resolve';
import { linkNameIndex } from './link-names';
import { stateName, statusText } from './status';
import type { ContainerRecord } from './types';

const KNOWN = ['id', 'name', 'label', 'status', 'exited', 'ancestor', 'before', 'since', 'network', 'volume', 'health', 'is-task', 'publish', 'expose'];
const STATUSES = ['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'];

export interface ListOptions {
  all: boolean;
  limit?: number;
  size: boolean;
  filters: Map<string, string[]>;
}

function labelMatch(labels: Record<string, string>, want: string): boolean {
  const eq = want.indexOf('=');
  if (eq < 0) return want in labels;
  return labels[want.slice(0, eq)] === want.slice(eq + 1);
}

function ancestorMatch(deps: ContainerDeps, rec: ContainerRecord, want: string): boolean {
  if (rec.image === want || rec.imageId === want || rec.imageId.replace('sha256:', '').startsWith(want)) return true;
  try {
    return deps.images.resolve(want).id === rec.imageId;
  } catch {
    return false;
  }
}

export async function listContainers(deps: ContainerDeps, opts: ListOptions): Promise<Record<string, unknown>[]> {
  for (const key of opts.filters.keys()) if (!KNOWN.includes(key)) throw invalidArgument(`invalid filter '${key}'`);
  const f = opts.filters;
  for (const s of f.get('status') ?? []) {
    if (!STATUSES.includes(s)) throw invalidArgument(`invalid filter 'status=${s}'`);
  }
  for (const h of f.get('health') ?? []) {
    if (!['starting', 'healthy', 'unhealthy', 'none'].includes(h)) throw invalidArgument(`Unrecognised filter value for health: ${h}`);
  }
  for (const e of f.get('exited') ?? []) if (!/^-?\d+$/.test(e)) throw invalidArgument(`invalid filter 'exited=${e}'`);
  const beforeRec = f.get('before')?.[0] ? findContainer(deps.table, f.get('before')![0]) : undefined;
  const sinceRec = f.get('since')?.[0] ? findContainer(deps.table, f.get('since')![0]) : undefined;

  let recs: readonly ContainerRecord[] = deps.table.readonlyAll();
  // before/since compare creation order (the list is newest first).
  if (beforeRec) recs = recs.slice(recs.findIndex((r) => r.id === beforeRec.id) + 1);
  if (sinceRec) recs = recs.slice(0, recs.findIndex((r) => r.id === sinceRec.id));
  // As dockerd: a limit or a status filter widens the list to stopped
  // containers; since/before/exited only narrow what would be listed anyway.
  const showAll = opts.all || (opts.limit !== undefined && opts.limit > 0) || f.has('status');

  const out = recs.filter((rec) => {
    const state = stateName(rec);
    if (!showAll && state !== 'running' && state !== 'paused' && state !== 'restarting') return false;
    if (f.has('id') && !f.get('id')!.some((v) => rec.id.startsWith(v))) return false;
    if (f.has('name') && !f.get('name')!.some((v) => new RegExp(v).test(`/${rec.name}`))) return false;
    if (f.has('label') && !f.get('label')!.every((v) => labelMatch(rec.config.Labels ?? {}, v))) return false;
    if (f.has('status') && !f.get('status')!.includes(state)) return false;
    if (f.has('exited') && (state !== 'exited' || !f.get('exited')!.includes(String(rec.state.ExitCode)))) return false;
    if (f.has('ancestor') && !f.get('ancestor')!.some((v) => ancestorMatch(deps, rec, v))) return false;
    if (f.has('network') && !f.get('network')!.some((v) => v === networkName(rec) || Object.entries(rec.networks ?? {}).some(([n, e]) => n === v || e.NetworkID.startsWith(v)))) return false;
    if (f.has('publish') && !f.get('publish')!.some((v) => portFilter(v, portsSummary(deps, rec), 'PublicPort'))) return false;
    if (f.has('expose') && !f.get('expose')!.some((v) => portFilter(v, portsSummary(deps, rec), 'PrivatePort'))) return false;
    // volume=NAME or volume=DESTINATION, like dockerd.
    if (f.has('volume') && !f.get('volume')!.some((v) => (rec.mounts ?? []).some((m) => m.name === v || m.destination === v || m.source === v))) return false;
    if (f.has('health') && !f.get('health')!.includes(rec.state.Health?.Status ?? 'none')) return false;
    return true;
  });
  const limited = opts.limit && opts.limit > 0 ? out.slice(0, opts.limit) : out;
  const linkNames = linkNameIndex(deps, deps.table.readonlyAll());
  return Promise.all(limited.map((rec) => summary(deps, rec, opts.size, linkNames.get(rec.id) ?? [])));
}

async function summary(deps: ContainerDeps, rec: ContainerRecord, size: boolean, linkNames: string[]): Promise<Record<string, unknown>> {
  // Once per row: with 1,000 containers each lookup shows in the time of `ps`.
  const net = networkSettings(deps, rec);
  const s: Record<string, unknown> = {
    Id: rec.id,
    Names: [`/${rec.name}`, ...linkNames],
    Image: rec.image,
    ImageID: rec.imageId,
    Command: [rec.path, ...rec.args].join(' '),
    Created: Math.floor(Date.parse(rec.created) / 1000),
    Ports: portsSummary(deps, rec, net),
    Labels: rec.config.Labels ?? {},
    State: stateName(rec),
    Status: statusText(rec),
    HostConfig: { NetworkMode: rec.hostConfig.NetworkMode },
    NetworkSettings: { Networks: (net as { Networks: unknown }).Networks },
    Mounts: mountPoints(deps, rec),
  };
  if (size) {
    const rw = await deps.snapshots.usage(rec.snapshotKey).catch(() => 0);
    s.SizeRw = rw;
    s.SizeRootFs = rw + (deps.images.byId(rec.imageId)?.size ?? 0);
  }
  return s;
}

/** The Ports of a ps row: published ports with their host side, exposed ones without. */
function portsSummary(
  deps: ContainerDeps,
  rec: ContainerRecord,
  net = networkSettings(deps, rec),
): { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[] {
  const map = net.Ports as Record<string, { HostIp: string; HostPort: string }[] | null>;
  const out: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[] = [];
  for (const [key, binds] of Object.entries(map)) {
    const [port, proto] = key.split('/');
    if (!binds) out.push({ PrivatePort: Number(port), Type: proto });
    else for (const b of binds) out.push({ IP: b.HostIp, PrivatePort: Number(port), PublicPort: Number(b.HostPort), Type: proto });
  }
  return out;
}

/** publish=/expose= values: "8080", "8080/tcp", "8000-8080[/udp]" against a ps row's ports. */
function portFilter(v: string, ports: { PrivatePort: number; PublicPort?: number; Type: string }[], field: 'PublicPort' | 'PrivatePort'): boolean {
  const [range, proto] = v.split('/');
  const [a, b] = range.split('-').map(Number);
  if (!Number.isInteger(a) || (b !== undefined && !Number.isInteger(b))) throw invalidArgument(`invalid filter '${field === 'PublicPort' ? 'publish' : 'expose'}=${v}'`);
  return ports.some((p) => {
    const n = p[field];
    return n !== undefined && n >= a && n <= (b ?? a) && (!proto || p.Type === proto);
  });
}
