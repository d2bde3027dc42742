// Create-time checks of the security-related HostConfig fields, so a bad
// request is refused before anything is made (dockerd's messages).
import { invalidArgument } from '../errdefs';
import { normalizeCapability } from '../runtime/capabilities';
import { devicesFromPath } from '../sys/devices';
import type { HostConfig } from './types';

// Sysctls that live in a namespace of the container (IPC or network), the
// same list as the docker CLI's opts.ValidateSysctl.
const IPC_SYSCTLS = ['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced'];

export function sysctlAllowed(name: string): boolean {
  return IPC_SYSCTLS.includes(name) || name.startsWith('net.') || name.startsWith('fs.mqueue.');
}

function normalizeCaps(field: 'CapAdd' | 'CapDrop', caps: string[] | null | undefined): string[] | null {
  if (caps == null) return null;
  if (!Array.isArray(caps) || caps.some((c) => typeof c !== 'string')) throw invalidArgument(`invalid ${field}: expected a list of capability names`);
  try {
    return caps.map(normalizeCapability);
  } catch (err) {
    throw invalidArgument(`invalid ${field}: ${(err as Error).message}`);
  }
}

/** Validates and normalizes (capability names to CAP_X, as dockerd stores them) in place. */
export function validateSecurity(hc: HostConfig): void {
  hc.CapAdd = normalizeCaps('CapAdd', hc.CapAdd);
  hc.CapDrop = normalizeCaps('CapDrop', hc.CapDrop);
  const sysctls = hc.Sysctls ?? {};
  if (typeof sysctls !== 'object' || Array.isArray(sysctls)) throw invalidArgument('invalid Sysctls: expected a map of name to value');
  for (const [k, v] of Object.entries(sysctls)) {
    if (typeof v !== 'string') throw invalidArgument(`invalid Sysctls: value of ${k} must be a string`);
    if (!sysctlAllowed(k)) throw invalidArgument(`sysctl '${k}=${v}' is not allowed`);
    if (k.startsWith('net.') && hc.NetworkMode === 'host') throw invalidArgument(`sysctl "${k}" not allowed in host network namespace`);
  }
  for (const g of hc.GroupAdd ?? []) {
    if (typeof g !== 'string' || !g) throw invalidArgument('invalid GroupAdd: expected group names or ids');
  }
  if (!hc.Privileged) {
    for (const dev of hc.Devices ?? []) {
      if (!dev || typeof dev.PathOnHost !== 'string' || !dev.PathOnHost) throw invalidArgument('invalid Devices: PathOnHost is required');
      const perms = dev.CgroupPermissions || 'rwm';
      if (!/^[rwm]{1,3}$/.test(perms)) throw invalidArgument(`invalid device mode: ${perms}`);
      const inContainer = dev.PathInContainer || dev.PathOnHost;
      if (!inContainer.startsWith('/')) throw invalidArgument(`invalid device path in container: ${inContainer}`);
      try {
        devicesFromPath(dev.PathOnHost, inContainer, perms);
      } catch (err) {
        throw invalidArgument((err as Error).message);
      }
    }
  }
}
