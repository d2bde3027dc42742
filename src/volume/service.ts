// The local volume driver: a volume is a directory <data-root>/volumes/<name>/_data
// (Docker's layout) plus a SQLite record. Creating makes the directory first
// and the record last; removing renames the directory out of the way first,
// so a crash at any point leaves either a whole volume or trash that the
// next start sweeps (repair()).
import { randomBytes } from 'node:crypto';
import { promises as fsp, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { BerthError, conflict, invalidArgument, notFound } from '../errdefs';
import type { EventBus } from '../events/bus';
import { diskUsage } from '../snapshot/usage';
import { listMatcher, pruneMatcher, type Filters } from './filters';
import { validateVolumeName } from './names';
import { ANONYMOUS_LABEL, type VolumeRecord, type VolumeRecords } from './types';

export interface VolumeServiceDeps {
  records: VolumeRecords;
  /** <data-root>/volumes */
  root: string;
  /** Ids of containers (any state) that reference the volume. */
  users(name: string): string[];
  events: EventBus;
  /** mount(8) and friends, for volumes with driver options. */
  mounter: VolumeMounter;
  /**
   * Owner of a new volume's _data (berthd --userns-remap: the containers'
   * root on the host, as dockerd's local driver does); default root.
   */
  rootOwner?: { uid: number; gid: number };
}

export interface VolumeMounter {
  /** Runs mount(8) with these arguments. */
  mount(args: string[]): Promise<void>;
  /** Unmounts everything stacked on `target` (no error when nothing is mounted). */
  unmount(target: string): Promise<void>;
  isMountPoint(target: string): Promise<boolean>;
}

export interface CreateVolumeRequest {
  Name?: string;
  Driver?: string;
  DriverOpts?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** The Engine API's Volume object. */
export interface VolumeView {
  CreatedAt: string;
  Driver: string;
  Labels: Record<string, string>;
  Mountpoint: string;
  Name: string;
  Options: Record<string, string> | null;
  Scope: 'local';
  UsageData?: { Size: number; RefCount: number };
}

const TRASH = '.trash-';
const LOCAL_OPTIONS = ['type', 'device', 'o'];

export class VolumeService {
  constructor(private readonly d: VolumeServiceDeps) {
    mkdirSync(d.root, { recursive: true, mode: 0o701 });
  }

  /** Host directory holding the volume's data. */
  dataPath(name: string): string {
    return path.join(this.d.root, name, '_data');
  }

  /** Sweeps what a crash left behind: trash of removals and directories with no record. */
  async repair(): Promise<void> {
    for (const entry of await fsp.readdir(this.d.root)) {
      if (entry.startsWith(TRASH) || !this.d.records.get(entry)) {
        // Never rm -r through a mounted filesystem (a bind volume's device is someone's directory).
        await this.d.mounter.unmount(path.join(this.d.root, entry, '_data'));
        await fsp.rm(path.join(this.d.root, entry), { recursive: true, force: true });
      }
    }
  }

  /** POST /volumes/create; an existing volume of the same driver is returned as it is, like Docker. */
  async create(req: CreateVolumeRequest = {}, opts: { anonymous?: boolean } = {}): Promise<VolumeView> {
    const driver = req.Driver || 'local';
    const anonymous = opts.anonymous || !req.Name;
    const name = req.Name || randomBytes(32).toString('hex');
    // dockerd prefixes every create error with "create NAME: ".
    const fail = (e: BerthError): never => {
      throw new BerthError(e.kind, `create ${name}: ${e.message}`);
    };
    if (driver !== 'local') fail(notFound(`error looking up volume plugin ${driver}: plugin "${driver}" not found`));
    try {
      validateVolumeName(name);
    } catch (err) {
      fail(err as BerthError);
    }
    const options = req.DriverOpts ?? {};
    // The local driver's options: a filesystem mounted over the volume's
    // directory while containers use it (`-o type=tmpfs -o device=tmpfs -o
    // o=size=64m`, `-o type=none -o o=bind -o device=/srv/data`).
    for (const k of Object.keys(options)) {
      if (!LOCAL_OPTIONS.includes(k)) fail(invalidArgument(`invalid option key: "${k}"`));
    }
    if ((options.type || options.o) && !options.device) fail(invalidArgument('missing required option: "device"'));
    if (options.device && !options.type && !/(^|,)bind(,|$)/.test(options.o ?? '')) fail(invalidArgument('missing required option: "type"'));
    const existing = this.d.records.get(name);
    if (existing) return this.view(existing);
    const rec: VolumeRecord = {
      name,
      driver,
      labels: { ...(req.Labels ?? {}), ...(anonymous && !req.Name ? { [ANONYMOUS_LABEL]: '' } : {}) },
      options,
      createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      anonymous,
    };
    const dir = path.join(this.d.root, name);
    await fsp.mkdir(this.dataPath(name), { recursive: true, mode: 0o755 });
    try {
      if (this.d.rootOwner) await fsp.chown(this.dataPath(name), this.d.rootOwner.uid, this.d.rootOwner.gid);
      this.d.records.insert(rec);
    } catch (err) {
      const again = this.d.records.get(name);
      if (again) return this.view(again); // a concurrent create of the same name won
      await fsp.rm(dir, { recursive: true, force: true });
      throw err;
    }
    this.d.events.emit('volume', 'create', name, { driver });
    return this.view(rec);
  }

  get(name: string): VolumeRecord {
    const rec = this.d.records.get(name);
    if (!rec) throw notFound(`get ${name}: no such volume`);
    return rec;
  }

  inspect(name: string): VolumeView {
    return this.view(this.get(name));
  }

  /** GET /volumes: the volumes that pass `filters`. */
  list(filters: Filters = new Map()): VolumeView[] {
    const match = listMatcher(filters, (n) => this.refCount(n));
    return this.d.records.all().filter(match).map((r) => this.view(r));
  }

  all(): VolumeRecord[] {
    return this.d.records.all();
  }

  /** POST /volumes/prune: unused volumes that pass `filters`, with the bytes freed. */
  async prune(filters: Filters, anonymousOnlyByDefault: boolean): Promise<{ VolumesDeleted: string[]; SpaceReclaimed: number }> {
    const match = pruneMatcher(filters, anonymousOnlyByDefault);
    const deleted: string[] = [];
    let space = 0;
    for (const rec of this.d.records.all()) {
      if (!match(rec) || this.refCount(rec.name) > 0) continue;
      const size = await this.usage(rec.name);
      try {
        await this.remove(rec.name);
      } catch {
        continue; // taken by a container meanwhile
      }
      deleted.push(rec.name);
      space += Math.max(size, 0);
    }
    this.d.events.emit('volume', 'prune', '', { reclaimed: String(space) });
    return { VolumesDeleted: deleted, SpaceReclaimed: space };
  }

  async remove(name: string, opts: { force?: boolean } = {}): Promise<void> {
    const rec = this.d.records.get(name);
    if (!rec) {
      if (opts.force) return;
      throw notFound(`get ${name}: no such volume`);
    }
    const users = this.d.users(name);
    if (users.length) throw conflict(`remove ${name}: volume is in use - [${users.join(', ')}]`);
    const dir = path.join(this.d.root, name);
    if (rec.options.device) await this.d.mounter.unmount(this.dataPath(name));
    const trash = path.join(this.d.root, `${TRASH}${name}-${randomBytes(4).toString('hex')}`);
    await fsp.rename(dir, trash).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    this.d.records.delete(name);
    await fsp.rm(trash, { recursive: true, force: true });
    this.d.events.emit('volume', 'destroy', name, { driver: rec.driver });
  }

  /**
   * Before a container uses the volume: mounts the filesystem its options
   * name over its data directory, unless it is mounted already. Volumes
   * without options need nothing.
   */
  async activate(name: string): Promise<void> {
    const rec = this.get(name);
    const o = rec.options;
    if (!o.device) return;
    const dir = this.dataPath(name);
    if (await this.d.mounter.isMountPoint(dir)) return;
    const args = o.type && o.type !== 'none' ? ['-t', o.type] : [];
    if (o.o) args.push('-o', o.o);
    args.push(o.device, dir);
    try {
      await this.d.mounter.mount(args);
    } catch (err) {
      throw new BerthError('System', `error while mounting volume '${dir}': ${(err as Error).message}`);
    }
  }

  async usage(name: string): Promise<number> {
    return (await diskUsage(this.dataPath(name)).catch(() => ({ size: -1 }))).size;
  }

  refCount(name: string): number {
    return this.d.users(name).length;
  }

  view(rec: VolumeRecord): VolumeView {
    return {
      CreatedAt: rec.createdAt,
      Driver: rec.driver,
      Labels: rec.labels,
      Mountpoint: this.dataPath(rec.name),
      Name: rec.name,
      Options: Object.keys(rec.options).length ? rec.options : null,
      Scope: 'local',
    };
  }
}
