// Builds legacy `docker save` tarballs (Docker before 1.10: `repositories`,
// one directory per layer with VERSION, json and layer.tar, no
// manifest.json) for the load tests, from layers made here with busybox.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tar from 'tar-stream';

export const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export interface Entry {
  name: string;
  body?: Buffer | string;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
  mode?: number;
}

export async function packTar(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    const body = type === 'file' ? Buffer.from(e.body ?? '') : undefined;
    const header = { name: e.name, type, linkname: e.linkname, mode: e.mode ?? 0o755, mtime: new Date(0), uid: 0, gid: 0 };
    await new Promise<void>((r, j) => {
      const cb = (err?: Error | null) => (err ? j(err) : r());
      if (body) pack.entry(header, body, cb);
      else pack.entry(header, cb);
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A layer with busybox and a few applets, and one with /etc/hello. */
export async function busyboxLayers(): Promise<{ base: Buffer; top: Buffer }> {
  const base = await packTar([
    { name: 'bin', type: 'directory' },
    { name: 'bin/busybox', body: readFileSync('/bin/busybox') },
    ...['sh', 'cat', 'ls'].map((a) => ({ name: `bin/${a}`, type: 'symlink' as const, linkname: 'busybox' })),
  ]);
  const top = await packTar([{ name: 'etc', type: 'directory' }, { name: 'etc/hello', body: 'hello legacy\n', mode: 0o644 }]);
  return { base, top };
}

export interface LegacyLayer {
  /** The directory name (normally 64 hex digits). */
  dir: string;
  json: Record<string, unknown>;
  /** Absent: the directory has no layer.tar. */
  layer?: Buffer;
}

/** The tarball: each layer's directory, then `repositories` (raw JSON value, or omitted when undefined). */
export async function legacyTar(layers: LegacyLayer[], repositories: unknown, extra: Entry[] = []): Promise<Buffer> {
  const entries: Entry[] = [];
  for (const l of layers) {
    entries.push({ name: l.dir, type: 'directory' }, { name: `${l.dir}/VERSION`, body: '1.0', mode: 0o644 }, { name: `${l.dir}/json`, body: JSON.stringify(l.json), mode: 0o644 });
    if (l.layer) entries.push({ name: `${l.dir}/layer.tar`, body: l.layer, mode: 0o644 });
  }
  if (repositories !== undefined) entries.push({ name: 'repositories', body: JSON.stringify(repositories), mode: 0o644 });
  return packTar([...entries, ...extra]);
}
