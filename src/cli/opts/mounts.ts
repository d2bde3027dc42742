// --mount (docker opts.MountOpt) and -v/--volume splitting.
import type { Mount } from '../../api/types';
import { parseGoBool } from './goparse';
import { parseBytes as ramInBytes } from '../format/humanize';

/** Split one CSV record (encoding/csv rules: quotes, "" escapes). */
export function splitCSV(value: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '"') {
        if (value[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += c;
    } else if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (c === ',') {
      fields.push(cur);
      cur = '';
      atStart = true;
    } else {
      cur += c;
      atStart = false;
    }
  }
  if (quoted) throw new Error(`parse error on line 1, column ${value.length + 1}: extraneous or missing " in quoted-field`);
  fields.push(cur);
  return fields;
}

/** Parse one --mount value; `abs` resolves a relative "./x" source like the CLI does. */
export function parseMount(value: string, abs: (p: string) => string = (p) => p): Mount {
  const mount: Mount = { Type: 'volume' };
  const bind = (): NonNullable<Mount['BindOptions']> => (mount.BindOptions ??= {});
  const vol = (): NonNullable<Mount['VolumeOptions']> => (mount.VolumeOptions ??= {});
  const tmpfs = (): NonNullable<Mount['TmpfsOptions']> => (mount.TmpfsOptions ??= {});
  const boolOf = (key: string, val: string): boolean => {
    try {
      return parseGoBool(val);
    } catch {
      throw new Error(`invalid value for ${key}: ${val}`);
    }
  };
  const setMap = (m: Record<string, string>, kv: string): void => {
    const eq = kv.indexOf('=');
    if (eq < 0) m[kv] = '';
    else m[kv.slice(0, eq)] = kv.slice(eq + 1);
  };

  for (const field of splitCSV(value)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? '' : field.slice(eq + 1);
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro') {
        mount.ReadOnly = true;
        continue;
      }
      if (key === 'volume-nocopy') {
        vol().NoCopy = true;
        continue;
      }
      if (key === 'bind-nonrecursive') {
        bind().NonRecursive = true;
        continue;
      }
      throw new Error(`invalid field '${field}' must be a key=value pair`);
    }
    switch (key) {
      case 'type':
        mount.Type = val.toLowerCase();
        break;
      case 'source':
      case 'src':
        mount.Source = val.startsWith('.') ? abs(val) : val;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        mount.Target = val;
        break;
      case 'readonly':
      case 'ro':
        mount.ReadOnly = boolOf(key, val);
        break;
      case 'consistency':
        mount.Consistency = val.toLowerCase();
        break;
      case 'bind-propagation':
        bind().Propagation = val.toLowerCase();
        break;
      case 'bind-nonrecursive':
        bind().NonRecursive = boolOf(key, val);
        break;
      case 'bind-recursive':
        switch (val) {
          case 'enabled':
            break;
          case 'disabled':
            bind().NonRecursive = true;
            break;
          case 'writable':
            bind().ReadOnlyNonRecursive = true;
            break;
          case 'readonly':
            bind().ReadOnlyForceRecursive = true;
            break;
          default:
            throw new Error(`invalid value for ${key}: ${val} (must be "enabled", "disabled", "writable", or "readonly")`);
        }
        break;
      case 'bind-create-mountpoint':
        bind().CreateMountpoint = boolOf(key, val);
        break;
      case 'volume-nocopy':
        vol().NoCopy = boolOf(key, val);
        break;
      case 'volume-label':
        setMap((vol().Labels ??= {}), val);
        break;
      case 'volume-driver':
        (vol().DriverConfig ??= {}).Name = val;
        break;
      case 'volume-opt': {
        const dc = (vol().DriverConfig ??= {});
        setMap((dc.Options ??= {}), val);
        break;
      }
      case 'volume-subpath':
        vol().Subpath = val;
        break;
      case 'image-subpath':
        (mount.ImageOptions ??= {}).Subpath = val;
        break;
      case 'tmpfs-size':
        try {
          tmpfs().SizeBytes = ramInBytes(val);
        } catch {
          throw new Error(`invalid value for ${key}: ${val}`);
        }
        break;
      case 'tmpfs-mode': {
        if (!/^[0-7]+$/.test(val)) throw new Error(`invalid value for ${key}: ${val}`);
        tmpfs().Mode = Number.parseInt(val, 8);
        break;
      }
      default:
        throw new Error(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (!mount.Type) throw new Error('type is required');
  if (!mount.Target) throw new Error('target is required');
  if (mount.VolumeOptions && mount.Type !== 'volume') throw new Error(`cannot mix 'volume-*' options with mount type '${mount.Type}'`);
  if (mount.ImageOptions && mount.Type !== 'image') throw new Error(`cannot mix 'image-*' options with mount type '${mount.Type}'`);
  if (mount.BindOptions && mount.Type !== 'bind') throw new Error(`cannot mix 'bind-*' options with mount type '${mount.Type}'`);
  if (mount.TmpfsOptions && mount.Type !== 'tmpfs') throw new Error(`cannot mix 'tmpfs-*' options with mount type '${mount.Type}'`);
  return mount;
}

/**
 * -v values: "src:dst[:mode]" become Binds (a relative "./src" is made
 * absolute), a lone "/dst" becomes an anonymous volume in Config.Volumes.
 */
export function splitVolumes(
  specs: string[],
  abs: (p: string) => string = (p) => p,
): { binds: string[]; volumes: Record<string, Record<string, never>> } {
  const binds: string[] = [];
  const volumes: Record<string, Record<string, never>> = {};
  for (const spec of specs) {
    if (spec === '') throw new Error('invalid empty volume spec');
    const colon = spec.indexOf(':');
    if (colon < 0) {
      volumes[spec] = {};
      continue;
    }
    let host = spec.slice(0, colon);
    const rest = spec.slice(colon + 1);
    if (host === '') throw new Error(`invalid spec: ${spec}: empty section between colons`);
    if (!host.startsWith('/') && host.startsWith('.')) host = abs(host);
    binds.push(`${host}:${rest}`);
  }
  return { binds, volumes };
}
