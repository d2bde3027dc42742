// Builds the volume side: the local driver over its SQLite table, with
// "in use" answered from the container records.
import { join } from 'node:path';
import type { DB } from '../metadata/db';
import { VolumeTable } from '../metadata/volumes';
import { VolumeService } from '../volume/service';
import type { EventBus } from '../events/bus';
import type { VolumeBackend } from '../api/routers/volume/backend';
import type { ContainerRecord } from '../container/types';
import { run } from '../util/exec';
import { isMountPoint, unmountAll } from '../sys/mount';

export function buildVolumeSide(p: {
  db: DB;
  dataRoot: string;
  events: EventBus;
  containers: () => readonly ContainerRecord[];
  rootOwner?: { uid: number; gid: number };
}): VolumeService {
  return new VolumeService({
    rootOwner: p.rootOwner,
    records: new VolumeTable(p.db),
    root: join(p.dataRoot, 'volumes'),
    events: p.events,
    mounter: {
      mount: async (args) => void (await run('mount', args)),
      unmount: unmountAll,
      isMountPoint,
    },
    users: (name) => p.containers().filter((c) => (c.mounts ?? []).some((m) => m.type === 'volume' && m.name === name)).map((c) => c.id),
  });
}

export function volumeBackend(v: VolumeService): VolumeBackend {
  return {
    list: (filters) => ({ Volumes: v.list(filters), Warnings: [] }),
    create: (body) => v.create(body as Parameters<VolumeService['create']>[0]),
    inspect: (name) => v.inspect(name),
    remove: (name, force) => v.remove(name, { force }),
    prune: (filters, anonymousOnly) => v.prune(filters, anonymousOnly),
  };
}
