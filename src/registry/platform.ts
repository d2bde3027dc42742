// Platforms as `--platform` takes them (os[/arch[/variant]]), normalised like
// containerd's platforms package, and the choice of one manifest from a
// manifest list or OCI index.
import { invalidArgument, notFound } from '../errdefs';
import type { Descriptor, Platform } from './types';

const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', i386: '386', armhf: 'arm', armel: 'arm' };

export function normalizeArch(arch: string, variant?: string): { architecture: string; variant?: string } {
  const a = ARCH_ALIASES[arch.toLowerCase()] ?? arch.toLowerCase();
  let v = variant?.toLowerCase() || undefined;
  if (a === 'arm64' && (v === 'v8' || v === '8')) v = undefined;
  if (a === 'arm' && !v) v = arch === 'armel' ? 'v6' : 'v7';
  if (a === 'arm' && v && /^\d$/.test(v)) v = `v${v}`;
  if (a === 'amd64' && v === 'v1') v = undefined;
  return { architecture: a, ...(v ? { variant: v } : {}) };
}

/** "linux/arm64/v8", "linux/amd64", "arm64" → Platform; the default is the host's. */
export function parsePlatform(s: string, host: Platform): Platform {
  const parts = s.trim().split('/');
  if (!s.trim() || parts.length > 3 || parts.some((p) => !/^[A-Za-z0-9_.-]+$/.test(p))) {
    throw invalidArgument(`"${s}": unknown operating system or architecture: invalid argument`);
  }
  if (parts.length === 1) {
    const p = parts[0].toLowerCase();
    if (['linux', 'windows', 'darwin', 'freebsd'].includes(p)) return { os: p, ...normalizeArch(host.architecture, host.variant) };
    return { os: host.os, ...normalizeArch(p) };
  }
  return { os: parts[0].toLowerCase(), ...normalizeArch(parts[1], parts[2]) };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

export function platformMatches(want: Platform, have: Platform | undefined): boolean {
  if (!have) return false;
  const h = normalizeArch(have.architecture ?? '', have.variant);
  if (have.os !== want.os || h.architecture !== want.architecture) return false;
  // no variant asked: any variant (the first listed wins); else it must agree
  return !want.variant || !h.variant || h.variant === want.variant;
}

/** The manifest of an index for `want`; NotFound with Docker's wording when none matches. */
export function selectManifest(manifests: Descriptor[], want: Platform): Descriptor {
  const exact = manifests.find((m) => platformMatches(want, m.platform) && (m.platform?.variant ?? undefined) === want.variant);
  const found = exact ?? manifests.find((m) => platformMatches(want, m.platform));
  if (!found) throw notFound(`no matching manifest for ${formatPlatform(want)} in the manifest list entries`);
  return found;
}
