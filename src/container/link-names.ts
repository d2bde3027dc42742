// The names legacy links give: a link `--link child:alias` on parent makes
// "/parent/alias" another name of child (in `ps` Names, and resolvable), and
// dockerd shows the parent's links as "/child:/parent/alias". The link is
// kept as the user gave it (HostConfig.Links "child:alias"); these read it.
import { notFound, system } from '../errdefs';
import type { ContainerDeps } from './deps';
import { refreshEtcFiles } from './etc-refresh';
import { linkAlias } from './links';
import { findContainer } from './resolve';
import type { ContainerRecord } from './types';

function tryFind(deps: ContainerDeps, ref: string): ContainerRecord | undefined {
  try {
    return findContainer(deps.table, ref);
  } catch {
    return undefined;
  }
}

interface ResolvedLink {
  raw: string;
  child: ContainerRecord;
  alias: string;
}

function linksOf(deps: ContainerDeps, parent: ContainerRecord): ResolvedLink[] {
  const out: ResolvedLink[] = [];
  for (const raw of parent.hostConfig.Links ?? []) {
    const { target, alias } = linkAlias(raw);
    const child = tryFind(deps, target);
    // A link to a container that is gone is no link (dockerd drops it with the child).
    if (child) out.push({ raw, child, alias: alias ?? child.name });
  }
  return out;
}

/** HostConfig.Links in dockerd's form: "/child:/parent/alias"; null when none. */
export function canonicalLinks(deps: ContainerDeps, parent: ContainerRecord): string[] | null {
  const links = linksOf(deps, parent).map((l) => `/${l.child.name}:/${parent.name}/${l.alias}`);
  return links.length ? links : null;
}

/** The extra names links give, by child id: "/parent/alias" for each container linking to it (one pass for a whole list). */
export function linkNameIndex(deps: ContainerDeps, all: Iterable<ContainerRecord>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const parent of all) {
    if (!parent.hostConfig.Links?.length) continue;
    for (const l of linksOf(deps, parent)) {
      const names = index.get(l.child.id) ?? [];
      names.push(`/${parent.name}/${l.alias}`);
      index.set(l.child.id, names.sort());
    }
  }
  return index;
}

/** "parent/alias" (a leading "/" allowed) → the parent and its link; undefined when it names no link. */
export function findLink(deps: ContainerDeps, ref: string): { parent: ContainerRecord; link: ResolvedLink } | undefined {
  const m = /^\/?([^/]+)\/([^/]+)$/.exec(ref);
  if (!m) return undefined;
  const parent = tryFind(deps, m[1]);
  const link = parent && linksOf(deps, parent).find((l) => l.alias === m[2]);
  return parent && link ? { parent, link } : undefined;
}

/**
 * DELETE /containers/{parent/alias}?link=true. As dockerd: a container's own
 * name is its "default link name" and cannot be removed (500); a name that
 * is no link is a 404. Returns the parent, whose /etc/hosts the caller
 * refreshes if it runs.
 */
export function removeLink(deps: ContainerDeps, ref: string): ContainerRecord {
  const found = findLink(deps, ref);
  if (!found) {
    if (!ref.replace(/^\//, '').includes('/') && tryFind(deps, ref)) {
      throw system('Conflict, cannot remove the default link name of the container');
    }
    throw notFound(`No such container: ${ref.replace(/^\//, '')}`);
  }
  const { parent, link } = found;
  const rest = (parent.hostConfig.Links ?? []).filter((l) => l !== link.raw);
  deps.table.mutate(parent.id, (r) => (r.hostConfig.Links = rest.length ? rest : null));
  return deps.table.get(parent.id) ?? parent;
}

/** Removes the link and, when the parent runs, rewrites its /etc/hosts without the alias (dockerd updates the sandbox). */
export function removeLinkAndRefresh(deps: ContainerDeps, ref: string): void {
  refreshEtcFiles(deps, removeLink(deps, ref));
}
