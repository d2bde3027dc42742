// HostConfig.Binds entries ("src:dst[:mode]", "/dst") parsed the way dockerd's
// linux mount parser does, with its messages. Pure, unit-tested.
import { invalidArgument } from '../errdefs';

export interface BindSpec {
  type: 'bind' | 'volume';
  /** Host path (bind), volume name, or '' for an anonymous volume. */
  source: string;
  destination: string;
  readOnly: boolean;
  /** The mode string as given, for inspect's Mode ("ro", "z", …). */
  mode: string;
  propagation: string;
  /** nocopy: do not fill a new volume with the image's content. */
  noCopy: boolean;
}

const PROPAGATION = ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'];
const LABEL_MODES = ['z', 'Z'];

const invalidSpec = (spec: string): Error => invalidArgument(`invalid volume specification: '${spec}'`);

function parseMode(mode: string): { readOnly: boolean; propagation: string; noCopy: boolean } {
  let rw = 0;
  let prop = 0;
  let label = 0;
  let copy = 0;
  const out = { readOnly: false, propagation: '', noCopy: false };
  for (const m of mode.split(',')) {
    if (m === 'rw' || m === 'ro') {
      rw++;
      out.readOnly = m === 'ro';
    } else if (PROPAGATION.includes(m)) {
      prop++;
      out.propagation = m;
    } else if (LABEL_MODES.includes(m)) label++;
    else if (m === 'nocopy') {
      copy++;
      out.noCopy = true;
    } else throw invalidArgument(`invalid mode: ${mode}`);
  }
  if (rw > 1 || prop > 1 || label > 1 || copy > 1) throw invalidArgument(`invalid mode: ${mode}`);
  return out;
}

export function parseBind(spec: string): BindSpec {
  if (spec === '') throw invalidArgument('invalid empty volume spec');
  const parts = spec.split(':');
  if (parts.length > 3 || parts.some((p) => p === '')) throw invalidSpec(spec);
  let source = '';
  let destination: string;
  let mode = '';
  if (parts.length === 1) destination = parts[0];
  else {
    source = parts[0];
    destination = parts[1];
    mode = parts[2] ?? '';
  }
  const type: BindSpec['type'] = source.startsWith('/') ? 'bind' : 'volume';
  const modeInfo = mode ? parseMode(mode) : { readOnly: false, propagation: '', noCopy: false };
  if (type === 'bind' && modeInfo.noCopy) throw invalidArgument(`invalid mode: ${mode}`);
  if (type === 'volume' && modeInfo.propagation) {
    throw invalidArgument(`invalid volume specification: '${spec}': invalid mount config for type "volume": field BindOptions must not be specified`);
  }
  if (!destination.startsWith('/')) {
    throw invalidArgument(
      `invalid volume specification: '${spec}': invalid mount config for type "${type}": invalid mount path: '${destination}' mount path must be absolute`,
    );
  }
  if (cleanPath(destination) === '/') throw invalidArgument(`invalid specification: destination can't be '/'`);
  return {
    type,
    source: type === 'bind' ? cleanPath(source) : source,
    destination: cleanPath(destination),
    readOnly: modeInfo.readOnly,
    mode,
    propagation: type === 'bind' ? modeInfo.propagation || 'rprivate' : '',
    noCopy: modeInfo.noCopy,
  };
}

/** Go's path.Clean for absolute paths. */
export function cleanPath(p: string): string {
  const out: string[] = [];
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return '/' + out.join('/');
}
