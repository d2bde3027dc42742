// The build context as a tar, the way the docker CLI sends it: every file,
// directory and symlink under the context directory (symlinks stored as
// links, never followed), plus a Dockerfile given on stdin or from outside
// the context under a private name. .dockerignore is applied by the daemon.
import { createReadStream, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';

export interface ExtraFile {
  name: string;
  content: Buffer;
}

export function packContext(dir: string | undefined, extra: ExtraFile[] = []): Readable {
  const pack = tar.pack();
  const put = (header: Partial<tar.Header> & { name: string }, body?: Buffer | string) =>
    new Promise<void>((resolve, reject) => {
      const h = header as tar.Header;
      if (typeof body === 'string') {
        const entry = pack.entry(h, (err) => (err ? reject(err) : resolve()));
        const rs = createReadStream(body);
        rs.on('error', reject);
        rs.pipe(entry);
      } else {
        if (body) pack.entry(h, body, (err) => (err ? reject(err) : resolve()));
        else pack.entry(h, (err) => (err ? reject(err) : resolve())).end(undefined);
      }
    });
  const walk = async (abs: string, rel: string): Promise<void> => {
    for (const n of (await fsp.readdir(abs)).sort()) {
      const p = path.join(abs, n);
      const r = rel ? `${rel}/${n}` : n;
      const st = await fsp.lstat(p);
      const base = { name: r, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: st.mtime };
      if (st.isDirectory()) {
        await put({ ...base, type: 'directory' });
        await walk(p, r);
      } else if (st.isSymbolicLink()) {
        await put({ ...base, type: 'symlink', linkname: await fsp.readlink(p) });
      } else if (st.isFile()) {
        await put({ ...base, type: 'file', size: st.size }, p);
      }
    }
  };
  (async () => {
    if (dir) await walk(dir, '');
    for (const f of extra) await put({ name: f.name, mode: 0o600, size: f.content.length, mtime: new Date(), type: 'file' }, f.content);
    pack.finalize();
  })().catch((err) => pack.destroy(err));
  return pack as unknown as Readable;
}
