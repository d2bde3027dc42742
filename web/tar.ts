// A build context from a folder picked in the browser: the files as a ustar
// archive, what POST /build takes. Written by hand because it is ~50 lines
// of header layout and the npm tar packages want Node's streams and Buffer.

export interface TarEntry {
  /** path inside the archive, '/'-separated, relative */
  name: string;
  data: Uint8Array<ArrayBuffer>;
}

const enc = new TextEncoder();

function header(name: string, size: number): Uint8Array<ArrayBuffer> {
  const h = new Uint8Array(512);
  const put = (s: string, off: number, len: number) => h.set(enc.encode(s).slice(0, len), off);
  const octal = (n: number, off: number, len: number) => put(n.toString(8).padStart(len - 1, '0') + '\0', off, len);
  // ustar splits a long name at a '/' into prefix (155) and name (100)
  let prefix = '';
  if (enc.encode(name).length > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0 || enc.encode(name.slice(cut + 1)).length > 100) throw new Error(`path too long for the archive: ${name}`);
    (prefix = name.slice(0, cut)), (name = name.slice(cut + 1));
  }
  put(name, 0, 100);
  octal(0o644, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(Math.floor(Date.now() / 1000), 136, 12);
  put('        ', 148, 8); // checksum counted as spaces
  put('0', 156, 1);
  put('ustar\u000000', 257, 8);
  put(prefix, 345, 155);
  const sum = h.reduce((a, b) => a + b, 0);
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

/** The archive of the entries (regular files; directories are implied by their paths). */
export function tar(entries: TarEntry[]): Blob {
  const parts: BlobPart[] = [];
  for (const e of entries) {
    parts.push(header(e.name, e.data.length), e.data);
    const pad = (512 - (e.data.length % 512)) % 512;
    if (pad) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(1024)); // two zero blocks end it
  return new Blob(parts, { type: 'application/x-tar' });
}

/** The files of an <input webkitdirectory>, named relative to the folder picked. */
export async function folderEntries(files: FileList): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  for (const f of Array.from(files)) {
    const rel = (f.webkitRelativePath || f.name).split('/').slice(f.webkitRelativePath ? 1 : 0).join('/');
    out.push({ name: rel, data: new Uint8Array(await f.arrayBuffer()) });
  }
  return out;
}
