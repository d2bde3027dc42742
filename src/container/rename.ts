// POST /containers/{id}/rename
import { conflict, invalidArgument } from '../errdefs';
import type { ContainerDeps } from './deps';
import { validName } from './names';
import { findContainer } from './resolve';
import { emitContainer } from './events';

export function renameContainer(deps: ContainerDeps, ref: string, newName: string | null): void {
  const rec = findContainer(deps.table, ref);
  const name = (newName ?? '').replace(/^\//, '');
  if (!name) throw invalidArgument('Neither old nor new names may be empty');
  if (!validName(name)) throw invalidArgument(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  if (name === rec.name) throw invalidArgument(`Renaming a container with the same name as its current name`);
  const holder = deps.table.byName(name);
  if (holder) {
    throw conflict(
      `Conflict. The container name "/${name}" is already in use by container "${holder.id}". You have to remove (or rename) that container to be able to reuse that name.`,
    );
  }
  const old = rec.name;
  deps.table.mutate(rec.id, (r) => (r.name = name));
  emitContainer(deps, { ...rec, name }, 'rename', { oldName: `/${old}` });
}
