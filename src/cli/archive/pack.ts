// The client side of docker cp: a tar of a local file or directory tree,
// top entry renamed to `name` (docker's TarResourceRebase). Symlinks are
// stored as links, never followed (except the top one with -L, which the
// caller resolves before). cli/ may not import the daemon's util/tar, so this
// is the CLI's own small packer over tar-stream.
import { createReadStream, promises as fsp, type Stats } from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar-stream';

export function packLocal(src: string, name: string): AsyncIterable<Buffer> {
  const pack = tar.pack();
  const links = new Map<string, string>();
  // A destroyed pack (the upload failed) stops the walk and closes the open file.
  let aborted = false;
  let current: ReturnType<typeof createReadStream> | undefined;
  let abort!: (err: Error) => void;
  const abortedP = new Promise<never>((_r, j) => (abort = j));
  abortedP.catch(() => {});
  pack.on('close', () => {
    aborted = true;
    current?.destroy();
    abort(new Error('tar stream closed by its reader'));
  });
  const put = (h: Partial<tar.Header> & { name: string }, file?: string): Promise<void> =>
    aborted ? abortedP : Promise.race([abortedP, putEntry(h, file)]);
  const putEntry = (h: Partial<tar.Header> & { name: string }, file?: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const entry = pack.entry(h as tar.Header, (err) => (err ? reject(err) : resolve()));
      if (!file) return void entry.end(undefined);
      const rs = createReadStream(file);
      current = rs;
      rs.on('data', (c) => {
        if (!entry.write(c as Buffer)) {
          rs.pause();
          entry.once('drain', () => rs.resume());
        }
      });
      rs.on('end', () => entry.end(undefined));
      rs.on('error', reject);
    });
  const base = (st: Stats, n: string) => ({ name: n, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: st.mtime });
  async function add(host: string, n: string, st: Stats): Promise<void> {
    if (st.isDirectory()) {
      await put({ ...base(st, n + '/'), type: 'directory' });
      for (const c of (await fsp.readdir(host)).sort()) await add(path.join(host, c), `${n}/${c}`, await fsp.lstat(path.join(host, c)));
    } else if (st.isSymbolicLink()) {
      await put({ ...base(st, n), type: 'symlink', linkname: await fsp.readlink(host) });
    } else if (st.isFile()) {
      const key = `${st.dev}:${st.ino}`;
      if (st.nlink > 1 && links.has(key)) return put({ ...base(st, n), type: 'link', linkname: links.get(key) });
      if (st.nlink > 1) links.set(key, n);
      await put({ ...base(st, n), type: 'file', size: st.size }, host);
    } else if (st.isFIFO()) {
      await put({ ...base(st, n), type: 'fifo' });
    }
    // devices and sockets are not sent
  }
  (async () => {
    try {
      await add(src, name, await fsp.lstat(src));
      pack.finalize();
    } catch (err) {
      pack.destroy(err as Error);
    }
  })();
  return pack as unknown as AsyncIterable<Buffer>;
}
