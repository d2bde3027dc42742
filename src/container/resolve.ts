// Full IDs, names (with or without '/') and unique ID prefixes all name a
// container, the way Docker resolves them.
import { invalidArgument, notFound } from '../errdefs';
import type { ContainerTable } from '../metadata/containers';
import type { ContainerRecord } from './types';

export function findContainer(table: ContainerTable<ContainerRecord>, ref: string): ContainerRecord {
  if (!ref) throw notFound('No such container: ');
  const byId = /^[0-9a-f]{64}$/.test(ref) ? table.get(ref) : undefined;
  if (byId) return byId;
  const byName = table.byName(ref.replace(/^\//, ''));
  if (byName) return byName;
  if (/^[0-9a-f]+$/.test(ref)) {
    const ids = table.idsWithPrefix(ref);
    if (ids.length > 1) throw invalidArgument(`multiple IDs found with provided prefix: ${ref}`);
    if (ids.length === 1) {
      const rec = table.get(ids[0]);
      if (rec) return rec;
    }
  }
  throw notFound(`No such container: ${ref}`);
}
