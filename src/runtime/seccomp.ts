// Turns the containers-common seccomp profile (moby's profile format, with
// includes/excludes by capability and architecture) into the OCI
// linux.seccomp section for one container, as moby's seccomp.setupSeccomp does.
import { readFileSync } from 'node:fs';

interface ProfileRule {
  names?: string[];
  name?: string;
  action: string;
  errnoRet?: number;
  args?: unknown[] | null;
  includes?: { caps?: string[]; arches?: string[]; minKernel?: string };
  excludes?: { caps?: string[]; arches?: string[]; minKernel?: string };
}

export interface SeccompProfile {
  defaultAction: string;
  defaultErrnoRet?: number;
  archMap?: { architecture: string; subArchitectures?: string[] }[];
  architectures?: string[];
  syscalls?: ProfileRule[];
}

export function loadProfile(path: string): SeccompProfile {
  return JSON.parse(readFileSync(path, 'utf8')) as SeccompProfile;
}

const NODE_TO_GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm', s390x: 's390x', ppc64: 'ppc64le' };
const SECCOMP_ARCH: Record<string, string> = { amd64: 'SCMP_ARCH_X86_64', arm64: 'SCMP_ARCH_AARCH64', '386': 'SCMP_ARCH_X86', s390x: 'SCMP_ARCH_S390X', ppc64le: 'SCMP_ARCH_PPC64LE', arm: 'SCMP_ARCH_ARM' };

function kernelAtLeast(kernel: string, min: string): boolean {
  const a = kernel.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  const b = min.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < 2; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

export function toOciSeccomp(
  profile: SeccompProfile,
  caps: string[],
  opts: { arch?: string; kernel: string },
): Record<string, unknown> {
  const arch = opts.arch ?? NODE_TO_GO_ARCH[process.arch] ?? process.arch;
  const archs: string[] = [];
  const native = SECCOMP_ARCH[arch];
  if (profile.archMap) {
    for (const m of profile.archMap) {
      if (m.architecture === native) archs.push(m.architecture, ...(m.subArchitectures ?? []));
    }
  } else if (profile.architectures) archs.push(...profile.architectures);

  const syscalls: Record<string, unknown>[] = [];
  for (const rule of profile.syscalls ?? []) {
    const inc = rule.includes ?? {};
    const exc = rule.excludes ?? {};
    if (inc.arches?.length && !inc.arches.includes(arch)) continue;
    if (inc.caps?.length && !inc.caps.every((c) => caps.includes(c))) continue;
    if (inc.minKernel && !kernelAtLeast(opts.kernel, inc.minKernel)) continue;
    if (exc.arches?.length && exc.arches.includes(arch)) continue;
    if (exc.caps?.length && exc.caps.some((c) => caps.includes(c))) continue;
    const names = rule.names ?? (rule.name ? [rule.name] : []);
    if (!names.length) continue;
    const out: Record<string, unknown> = { names, action: rule.action };
    if (rule.errnoRet !== undefined) out.errnoRet = rule.errnoRet;
    if (rule.args?.length) out.args = rule.args;
    syscalls.push(out);
  }
  const result: Record<string, unknown> = { defaultAction: profile.defaultAction, architectures: archs, syscalls };
  if (profile.defaultErrnoRet !== undefined) result.defaultErrnoRet = profile.defaultErrnoRet;
  return result;
}
