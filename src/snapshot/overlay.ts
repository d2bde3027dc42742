// Overlay snapshotter, laid out like containerd's:
//   <root>/snapshots/<id>/fs     the snapshot's own files (overlay upperdir / a lowerdir)
//   <root>/snapshots/<id>/work   overlay workdir (active snapshots only)
// Records live in a SnapshotRecords store (SQLite in the daemon). Directories
// are created under a temp name and renamed to <id> inside the record
// transaction, and renamed away inside the removal transaction, so after a
// crash every <id> dir has a record; leftovers are deleted at startup.
import { mkdirSync, readdirSync, renameSync, rmSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { conflict, invalidArgument, notFound } from '../errdefs';
import type { Mount } from '../sys/mount';
import type { SnapshotRecord, SnapshotRecords } from './records';
import type { Info, Kind, SnapshotOptions, Snapshotter, Usage } from './snapshotter';
import { diskUsage } from './usage';

export interface OverlaySnapshotterOptions {
  /** Data root; snapshots live in <root>/snapshots. */
  root: string;
  records: SnapshotRecords;
  now?: () => Date;
  /**
   * Owner of a snapshot's root without a parent (berthd --userns-remap: the
   * containers' root on the host, as dockerd's graph drivers make it);
   * default: whoever runs the snapshotter.
   */
  rootOwner?: { uid: number; gid: number };
}

export function createOverlaySnapshotter(opts: OverlaySnapshotterOptions): Snapshotter {
  const { records } = opts;
  const now = (): string => (opts.now ?? (() => new Date()))().toISOString();
  const base = path.join(opts.root, 'snapshots');
  mkdirSync(base, { recursive: true, mode: 0o700 });
  removeOrphans(base, records);

  const dirOf = (id: number): string => path.join(base, String(id));
  const fsOf = (id: number): string => path.join(dirOf(id), 'fs');
  const workOf = (id: number): string => path.join(dirOf(id), 'work');

  function mustGet(key: string): SnapshotRecord {
    const rec = records.get(key);
    if (!rec) throw notFound(`snapshot ${key}: not found`);
    return rec;
  }

  /** Parent ids, newest first. */
  function chain(rec: SnapshotRecord): number[] {
    const ids: number[] = [];
    for (let p = rec.parentId; p !== null; ) {
      ids.push(p);
      const parent = records.getById(p);
      if (!parent) throw notFound(`snapshot ${rec.key}: parent ${p} is missing`);
      p = parent.parentId;
    }
    return ids;
  }

  function mountsOf(rec: SnapshotRecord): Mount[] {
    const parents = chain(rec);
    if (rec.kind === 'active') {
      if (parents.length === 0) return [{ type: 'bind', source: fsOf(rec.id), options: ['rbind', 'rw'] }];
      return [
        {
          type: 'overlay',
          source: 'overlay',
          // lowerdir: newest first, as overlayfs expects.
          options: [`workdir=${workOf(rec.id)}`, `upperdir=${fsOf(rec.id)}`, `lowerdir=${parents.map(fsOf).join(':')}`],
        },
      ];
    }
    if (rec.kind === 'view') {
      if (parents.length === 0) return [{ type: 'bind', source: fsOf(rec.id), options: ['rbind', 'ro'] }];
      if (parents.length === 1) return [{ type: 'bind', source: fsOf(parents[0]), options: ['rbind', 'ro'] }];
      return [{ type: 'overlay', source: 'overlay', options: ['ro', `lowerdir=${parents.map(fsOf).join(':')}`] }];
    }
    throw invalidArgument(`snapshot ${rec.key}: a committed snapshot cannot be mounted; prepare or view a child`);
  }

  function info(rec: SnapshotRecord): Info {
    const parent = rec.parentId === null ? undefined : records.getById(rec.parentId)?.key;
    return { name: rec.key, parent, kind: rec.kind, labels: rec.labels, created: rec.created, updated: rec.updated };
  }

  async function create(kind: Kind, key: string, parent: string | undefined, o: SnapshotOptions = {}): Promise<Mount[]> {
    const parentRec = parent === undefined ? undefined : mustGet(parent);
    if (parentRec && parentRec.kind !== 'committed') {
      throw invalidArgument(`snapshot ${parent}: parent is not committed`);
    }
    if (records.get(key)) throw conflict(`snapshot ${key}: already exists`);
    const tmp = await fsp.mkdtemp(path.join(base, 'new-'));
    let rec: SnapshotRecord;
    try {
      await fsp.mkdir(path.join(tmp, 'fs'));
      if (kind === 'active') await fsp.mkdir(path.join(tmp, 'work'), { mode: 0o700 });
      // The merged root takes its owner and mode from the upper dir. Like
      // Docker's overlay2 (each layer's diff dir made 0755, owned by the
      // remapped root), every snapshot starts as 0755 root, whatever a lower
      // layer's root entry said: a rootfs tarred from a mktemp -d is 0700,
      // which would lock every non-root USER out of the container's '/'.
      await fsp.chmod(path.join(tmp, 'fs'), 0o755);
      if (opts.rootOwner) await fsp.chown(path.join(tmp, 'fs'), opts.rootOwner.uid, opts.rootOwner.gid);
      const ts = now();
      rec = records.transaction(() => {
        if (records.get(key)) throw conflict(`snapshot ${key}: already exists`);
        if (parentRec && records.getById(parentRec.id)?.kind !== 'committed') {
          throw notFound(`snapshot ${parent}: parent not found`);
        }
        const r = records.insert({
          key,
          parentId: parentRec?.id ?? null,
          kind,
          labels: o.labels ?? {},
          created: ts,
          updated: ts,
          size: null,
          inodes: null,
        });
        // A dir with this id can only be a leftover of a rolled-back insert.
        rmSync(dirOf(r.id), { recursive: true, force: true });
        renameSync(tmp, dirOf(r.id));
        return r;
      });
    } catch (err) {
      await fsp.rm(tmp, { recursive: true, force: true });
      throw err;
    }
    return mountsOf(rec);
  }

  return {
    async stat(key) {
      return info(mustGet(key));
    },
    prepare: (key, parent, o) => create('active', key, parent, o),
    view: (key, parent, o) => create('view', key, parent, o),
    async mounts(key) {
      return mountsOf(mustGet(key));
    },
    async commit(name, key, o = {}) {
      const rec = mustGet(key);
      if (rec.kind !== 'active') throw invalidArgument(`snapshot ${key}: only an active snapshot can be committed`);
      if (records.get(name)) throw conflict(`snapshot ${name}: already exists`);
      if (o.parent !== undefined && rec.parentId !== null) throw invalidArgument(`snapshot ${key}: has a parent already`);
      const usage = await diskUsage(fsOf(rec.id));
      records.transaction(() => {
        const cur = records.getById(rec.id);
        if (!cur || cur.key !== key || cur.kind !== 'active') throw notFound(`snapshot ${key}: not found`);
        if (records.get(name)) throw conflict(`snapshot ${name}: already exists`);
        let parentId: number | undefined;
        if (o.parent !== undefined) {
          const p = records.get(o.parent);
          if (!p) throw notFound(`snapshot ${o.parent}: not found`);
          if (p.kind !== 'committed') throw invalidArgument(`snapshot ${o.parent}: a parent must be committed`);
          parentId = p.id;
        }
        records.update(rec.id, {
          key: name,
          parentId,
          kind: 'committed',
          labels: o.labels ?? cur.labels,
          updated: now(),
          size: usage.size,
          inodes: usage.inodes,
        });
      });
      // A committed snapshot is only ever a lowerdir: its workdir is dead weight.
      await fsp.rm(workOf(rec.id), { recursive: true, force: true });
    },
    async remove(key) {
      const rec = mustGet(key);
      const trash = path.join(base, `rm-${rec.id}`);
      records.transaction(() => {
        if (!records.getById(rec.id)) throw notFound(`snapshot ${key}: not found`);
        if (records.childCount(rec.id) > 0) throw conflict(`snapshot ${key}: cannot remove, it has dependent snapshots`);
        records.delete(rec.id);
        try {
          renameSync(dirOf(rec.id), trash);
        } catch (err) {
          // A record whose directory vanished can still be removed.
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      });
      await fsp.rm(trash, { recursive: true, force: true });
    },
    async usage(key): Promise<Usage> {
      const rec = mustGet(key);
      if (rec.kind === 'committed' && rec.size !== null && rec.inodes !== null) {
        return { size: rec.size, inodes: rec.inodes };
      }
      return diskUsage(fsOf(rec.id));
    },
    async diffDir(key) {
      return fsOf(mustGet(key).id);
    },
    async list() {
      return records.list().map(info);
    },
  };
}

/** Deletes crash leftovers: temp dirs, trash dirs and <id> dirs without a record. */
function removeOrphans(base: string, records: SnapshotRecords): void {
  for (const name of readdirSync(base)) {
    const keep = /^\d+$/.test(name) && records.getById(Number(name)) !== undefined;
    if (!keep) rmSync(path.join(base, name), { recursive: true, force: true });
  }
}
