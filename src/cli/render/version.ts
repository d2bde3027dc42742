// `berth version` output: docker's version template, written out in code.
import type { SystemVersion } from '../../api/types';

export interface ClientVersionInfo {
  Version: string;
  ApiVersion: string;
  DefaultAPIVersion: string;
  GitCommit: string;
  GoVersion: string;
  Os: string;
  Arch: string;
  BuildTime: string;
  Context: string;
}

/** Go's time.ANSIC in local time: "Mon Jan  2 15:04:05 2006". */
export function ansic(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getDay()]} ${months[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${d.getFullYear()}`;
}

/** docker's reformatDate: an RFC 3339 time becomes ANSIC, anything else stays. */
export function reformatDate(s: string | undefined): string {
  if (!s) return '';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return s;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? s : ansic(ms);
}

/** Go's GOARCH for node's process.arch. */
export function goArch(arch: string = process.arch): string {
  return ({ x64: 'amd64', ia32: '386', arm: 'arm', arm64: 'arm64', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' } as Record<string, string>)[arch] ?? arch;
}

export function clientSection(c: ClientVersionInfo): string {
  const api = c.ApiVersion === c.DefaultAPIVersion ? c.ApiVersion : `${c.ApiVersion} (downgraded from ${c.DefaultAPIVersion})`;
  return [
    'Client:',
    ` Version:           ${c.Version}`,
    ` API version:       ${api}`,
    ` Node.js version:   ${c.GoVersion}`,
    ` Git commit:        ${c.GitCommit}`,
    ` Built:             ${c.BuildTime}`,
    ` OS/Arch:           ${c.Os}/${c.Arch}`,
    ` Context:           ${c.Context}`,
  ].join('\n');
}

export function serverSection(s: SystemVersion): string {
  const lines = [`Server:${s.Platform?.Name ? ` ${s.Platform.Name}` : ''}`];
  const comps = s.Components ?? [];
  if (comps.length === 0) {
    lines.push(
      ' Engine:',
      `  Version:          ${s.Version}`,
      `  API version:      ${s.ApiVersion} (minimum version ${s.MinAPIVersion ?? ''})`,
      `  Go version:       ${s.GoVersion}`,
      `  Git commit:       ${s.GitCommit}`,
      `  Built:            ${reformatDate(s.BuildTime)}`,
      `  OS/Arch:          ${s.Os}/${s.Arch}`,
      `  Experimental:     ${s.Experimental ?? false}`,
    );
  }
  for (const c of comps) {
    lines.push(` ${c.Name}:`);
    const d = c.Details ?? {};
    if (c.Name === 'Engine') {
      lines.push(
        `  Version:          ${c.Version}`,
        `  API version:      ${d.ApiVersion ?? ''} (minimum version ${d.MinAPIVersion ?? ''})`,
        `  Go version:       ${d.GoVersion ?? ''}`,
        `  Git commit:       ${d.GitCommit ?? ''}`,
        `  Built:            ${reformatDate(d.BuildTime)}`,
        `  OS/Arch:          ${d.Os ?? ''}/${d.Arch ?? ''}`,
        `  Experimental:     ${d.Experimental ?? ''}`,
      );
    } else {
      // other components: Version, then their details in a tab-aligned block
      const rows: [string, string][] = [['Version', c.Version], ...Object.keys(d).sort().map((k): [string, string] => [k, d[k]])];
      const width = Math.max(17, ...rows.map(([k]) => k.length + 2));
      for (const [k, v] of rows) lines.push(`  ${`${k}:`.padEnd(width)}${v}`);
    }
  }
  return lines.join('\n');
}
