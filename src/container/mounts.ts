// Mount resolution at create: --volumes-from, -v (HostConfig.Binds), --mount
// (HostConfig.Mounts) and Config.Volumes (the image's VOLUMEs and -v /path)
// become one list of ContainerMounts, in dockerd's order of precedence:
// volumes-from first, then binds and mounts override by destination, then
// anonymous volumes for every VOLUME path still uncovered. Named volumes are
// created on the way; if anything fails, the volumes this call created are
// removed again.
import { existsSync, mkdirSync } from 'node:fs';
import { invalidArgument, isKind } from '../errdefs';
import { cleanPath, parseBind } from '../volume/bind';
import type { Mount } from '../api/types/container';
import type { ContainerDeps } from './deps';
import type { ContainerMount } from './mount-types';
import { findContainer } from './resolve';
import type { ContainerConfig, HostConfig } from './types';

const PROPAGATION = ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'];

function volumesFromSpec(spec: string): { name: string; mode: string } {
  const colon = spec.lastIndexOf(':');
  if (colon < 0) return { name: spec, mode: '' };
  const mode = spec.slice(colon + 1);
  for (const m of mode.split(',')) {
    if (!['ro', 'rw', 'z', 'Z', 'nocopy', ...PROPAGATION].includes(m)) throw invalidArgument(`invalid mode: ${mode}`);
  }
  return { name: spec.slice(0, colon), mode };
}

function mountConfigError(type: string, msg: string): Error {
  return invalidArgument(`invalid mount config for type "${type}": ${msg}`);
}

/** Validates one HostConfig.Mounts entry the way dockerd's mount validator does. */
function checkMount(m: Mount): void {
  const type = m.Type ?? '';
  if (!['bind', 'volume', 'tmpfs'].includes(type)) throw mountConfigError(type, 'mount type unknown');
  if (!m.Target) throw mountConfigError(type, 'field Target must not be empty');
  if (!m.Target.startsWith('/')) throw mountConfigError(type, `invalid mount path: '${m.Target}' mount path must be absolute`);
  if (type !== 'bind' && m.BindOptions) throw mountConfigError(type, 'field BindOptions must not be specified');
  if (type !== 'volume' && m.VolumeOptions) throw mountConfigError(type, 'field VolumeOptions must not be specified');
  if (type !== 'tmpfs' && m.TmpfsOptions) throw mountConfigError(type, 'field TmpfsOptions must not be specified');
  if (type === 'bind') {
    if (!m.Source) throw mountConfigError(type, 'field Source must not be empty');
    if (!m.Source.startsWith('/')) throw mountConfigError(type, `invalid mount path: '${m.Source}' mount path must be absolute`);
    if (!existsSync(m.Source) && !m.BindOptions?.CreateMountpoint) {
      throw mountConfigError(type, `bind source path does not exist: ${m.Source}`);
    }
    const prop = m.BindOptions?.Propagation;
    if (prop && !PROPAGATION.includes(prop)) throw mountConfigError(type, `invalid propagation mode: ${prop}`);
  }
  if (type === 'tmpfs' && m.Source) throw mountConfigError(type, 'field Source must not be specified');
  if (type === 'volume' && m.VolumeOptions?.Subpath) throw mountConfigError(type, 'volume subpaths are not supported by berth');
}

function tmpfsOptions(m: Mount): string[] {
  const out: string[] = [];
  const t = m.TmpfsOptions;
  if (t?.SizeBytes) out.push(`size=${Math.floor(t.SizeBytes / 1024)}k`);
  if (t?.Mode) out.push(`mode=${t.Mode.toString(8)}`);
  for (const o of t?.Options ?? []) out.push(o.join('='));
  return out;
}

export async function resolveMounts(deps: ContainerDeps, hc: HostConfig, config: ContainerConfig): Promise<ContainerMount[]> {
  const byDest = new Map<string, ContainerMount>();
  const created: string[] = [];
  const volume = async (name: string, labels?: Record<string, string>, driver?: string, opts?: Record<string, string>) => {
    const v = await deps.volumes.create({ Name: name || undefined, Labels: labels, Driver: driver, DriverOpts: opts }, { anonymous: !name });
    if (!name) created.push(v.Name);
    return v;
  };
  try {
    for (const spec of hc.VolumesFrom ?? []) {
      const { name, mode } = volumesFromSpec(spec);
      let other;
      try {
        other = findContainer(deps.table, name);
      } catch (err) {
        // dockerd answers 400 here: a 404 from create makes the docker CLI try to pull the image.
        if (isKind(err, 'NotFound')) throw invalidArgument((err as Error).message);
        throw err;
      }
      for (const m of other.mounts ?? []) {
        const rw = mode.includes('ro') ? false : mode.includes('rw') ? true : m.rw;
        byDest.set(m.destination, { ...m, rw, copyUp: false, anonymous: false, mode: mode || m.mode });
      }
    }
    // Binds and Mounts may not name one destination twice between them.
    const explicit = new Set<string>();
    const claim = (dest: string) => {
      if (explicit.has(dest)) throw invalidArgument(`Duplicate mount point: ${dest}`);
      explicit.add(dest);
    };
    for (const raw of hc.Binds ?? []) {
      const b = parseBind(raw);
      claim(b.destination);
      if (b.type === 'bind') {
        // Like dockerd, -v creates a missing host directory (--mount refuses).
        if (!existsSync(b.source)) mkdirSync(b.source, { recursive: true, mode: 0o755 });
        byDest.set(b.destination, {
          type: 'bind', source: b.source, destination: b.destination, mode: b.mode, rw: !b.readOnly,
          propagation: b.propagation, copyUp: false, recursive: true,
        });
      } else {
        const v = await volume(b.source, undefined, hc.VolumeDriver || undefined);
        byDest.set(b.destination, {
          type: 'volume', name: v.Name, source: '', destination: b.destination, driver: v.Driver,
          mode: b.source ? b.mode || 'z' : b.mode, rw: !b.readOnly, propagation: '', copyUp: !b.noCopy, anonymous: !b.source,
        });
      }
    }
    for (const m of hc.Mounts ?? []) {
      checkMount(m);
      const dest = cleanPath(m.Target as string);
      if (dest === '/') throw invalidArgument(`invalid specification: destination can't be '/'`);
      claim(dest);
      if (m.Type === 'bind') {
        const src = cleanPath(m.Source as string);
        if (!existsSync(src)) mkdirSync(src, { recursive: true, mode: 0o755 });
        byDest.set(dest, {
          type: 'bind', source: src, destination: dest, mode: '', rw: !m.ReadOnly,
          propagation: m.BindOptions?.Propagation || 'rprivate', copyUp: false, recursive: !m.BindOptions?.NonRecursive,
        });
      } else if (m.Type === 'volume') {
        const dc = m.VolumeOptions?.DriverConfig;
        const v = await volume(m.Source ?? '', m.VolumeOptions?.Labels, dc?.Name, dc?.Options);
        byDest.set(dest, {
          type: 'volume', name: v.Name, source: '', destination: dest, driver: v.Driver, mode: 'z', rw: !m.ReadOnly,
          propagation: '', copyUp: !m.VolumeOptions?.NoCopy, anonymous: !m.Source,
        });
      } else {
        byDest.set(dest, {
          type: 'tmpfs', source: '', destination: dest, mode: '', rw: !m.ReadOnly, propagation: '', copyUp: false,
          tmpfsOptions: tmpfsOptions(m),
        });
      }
    }
    for (const raw of Object.keys(config.Volumes ?? {})) {
      const dest = cleanPath(raw);
      if (!raw.startsWith('/')) throw invalidArgument(`invalid mount config for type "volume": invalid mount path: '${raw}' mount path must be absolute`);
      // --tmpfs also claims a destination.
      if (byDest.has(dest) || Object.keys(hc.Tmpfs ?? {}).some((t) => cleanPath(t) === dest)) continue;
      const v = await volume('', undefined, hc.VolumeDriver || undefined);
      byDest.set(dest, {
        type: 'volume', name: v.Name, source: '', destination: dest, driver: v.Driver, mode: '', rw: true, propagation: '',
        copyUp: true, anonymous: true,
      });
    }
  } catch (err) {
    for (const name of created) await deps.volumes.remove(name, { force: true }).catch(() => {});
    throw err;
  }
  return [...byDest.values()];
}

/** Removes the anonymous volumes of a removed container (rm -v, --rm); ones still in use stay. */
export async function removeAnonymousVolumes(deps: ContainerDeps, mounts: ContainerMount[] | undefined): Promise<void> {
  for (const m of mounts ?? []) {
    if (m.type !== 'volume' || !m.anonymous || !m.name) continue;
    await deps.volumes.remove(m.name).catch((err) => deps.log('warn', `removing volume ${m.name}: ${err}`));
  }
}
