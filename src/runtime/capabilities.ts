// --cap-add / --cap-drop applied to Docker's default set, with ALL and names
// with or without the CAP_ prefix, as the docker CLI accepts them.
import { invalidArgument } from '../errdefs';
import { ALL_CAPABILITIES, DEFAULT_CAPABILITIES } from './defaults';

/** "net_admin", "CAP_NET_ADMIN", "all" → canonical name; unknown names fail as in dockerd. */
export function normalizeCapability(cap: string): string {
  const up = cap.trim().toUpperCase();
  if (up === 'ALL') return up;
  const name = up.startsWith('CAP_') ? up : `CAP_${up}`;
  if (!ALL_CAPABILITIES.includes(name)) throw invalidArgument(`unknown capability: "${name}"`);
  return name;
}

const normalize = normalizeCapability;

export function effectiveCapabilities(opts: {
  add?: string[] | null;
  drop?: string[] | null;
  privileged?: boolean;
  /** What the host's bounding set allows; --privileged gets exactly this. */
  hostBounding: string[];
}): string[] {
  if (opts.privileged) return [...opts.hostBounding];
  const add = (opts.add ?? []).map(normalize);
  const drop = (opts.drop ?? []).map(normalize);
  let caps = new Set(DEFAULT_CAPABILITIES);
  if (drop.includes('ALL')) caps = new Set();
  else for (const c of drop) caps.delete(c);
  if (add.includes('ALL')) for (const c of opts.hostBounding) caps.add(c);
  else for (const c of add) caps.add(c);
  // Never ask runc for what the host cannot grant: it would refuse to start.
  return [...caps].filter((c) => opts.hostBounding.includes(c));
}
