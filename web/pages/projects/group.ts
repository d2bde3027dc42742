// Compose projects from the container list: the containers of each project by
// the label compose puts on them, projects by name. Pure, so tested under node.

export const PROJECT = 'com.docker.compose.project';
export const SERVICE = 'com.docker.compose.service';

export interface ProjectContainer {
  Id: string;
  Names: string[];
  State: string;
  Created: number;
  Labels?: Record<string, string>;
}

export function groupByProject<C extends ProjectContainer>(cs: C[]): [string, C[]][] {
  const m = new Map<string, C[]>();
  for (const c of cs) {
    const p = c.Labels?.[PROJECT];
    if (p) m.set(p, [...(m.get(p) ?? []), c]);
  }
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Names of the networks or volumes compose made for each project (by the same label), by project. */
export function namesByProject(items: { Name: string; Labels?: Record<string, string> | null }[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const x of items) {
    const p = x.Labels?.[PROJECT];
    if (p) m.set(p, [...(m.get(p) ?? []), x.Name].sort());
  }
  return m;
}
