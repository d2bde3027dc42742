// The build context: the tar the client sent, unpacked once into a private
// directory under the data root (securely: nothing lands outside it), with
// `.dockerignore` applied to everything COPY/ADD read, and a content hash per
// file computed at most once per build (the cache keys of COPY/ADD).
import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp, type Stats } from 'node:fs';
import * as path from 'node:path';
import dockerignore from '@balena/dockerignore';
import { extractTar } from '../../util/tar';
import { BerthError, invalidArgument } from '../../errdefs';
import { decompress } from '../../util/compression';
import { cleanComponents, resolveInRoot } from '../../util/tar/resolve';

export interface BuildContext {
  /** Host directory holding the context. */
  root: string;
  /** Whether a context-relative path (no leading /) is excluded by .dockerignore. */
  ignored(rel: string): boolean;
  /** sha256 hex of a host file's content, memoised. */
  fileHash(host: string): Promise<string>;
  /** Reads a context file (the Dockerfile); undefined when missing. */
  read(rel: string): Promise<string | undefined>;
  dispose(): Promise<void>;
}

export async function unpackContext(tar: AsyncIterable<Buffer>, tmpBase: string): Promise<BuildContext> {
  await fsp.mkdir(tmpBase, { recursive: true, mode: 0o700 });
  const root = await fsp.mkdtemp(path.join(tmpBase, 'build-'));
  try {
    // Owners are kept so COPY --from of a context never matters; devices never made.
    const { stream } = await decompress(tar);
    await extractTar(padded(stream), root, { whiteouts: 'none', devices: false, chown: false });
  } catch (err) {
    await fsp.rm(root, { recursive: true, force: true });
    // A context that is not a tar is the client's fault: a 400, not a 500.
    if (err instanceof BerthError) throw err;
    throw invalidArgument(`failed to read the build context: ${(err as Error).message}`);
  }
  return openContext(root, true);
}

/**
 * The docker CLI's `-f -` context ends right after the last file's data (no
 * padding, no end-of-archive blocks; Go's tar reader accepts that): complete
 * the last block and add the two zero blocks so the tar parser does too.
 */
async function* padded(src: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  let n = 0;
  for await (const c of src) {
    n += c.length;
    yield c;
  }
  yield Buffer.alloc((512 - (n % 512)) % 512 + 1024);
}

/** A context over an existing directory (tests, and unpackContext). */
export async function openContext(root: string, owned = false): Promise<BuildContext> {
  const ig = dockerignore({ ignorecase: false });
  const patterns = await readIgnoreFile(root);
  ig.add(patterns);
  const hashes = new Map<string, Promise<string>>();
  const ctx: BuildContext = {
    root,
    ignored: (rel) => {
      const clean = cleanComponents(rel).join('/');
      return clean !== '' && patterns.length > 0 && ig.ignores(clean);
    },
    fileHash: (host) => {
      let h = hashes.get(host);
      if (!h) {
        h = new Promise<string>((resolve, reject) => {
          const hash = createHash('sha256');
          createReadStream(host)
            .on('data', (d) => hash.update(d))
            .on('error', reject)
            .on('end', () => resolve(hash.digest('hex')));
        });
        hashes.set(host, h);
      }
      return h;
    },
    read: async (rel) => {
      const comps = await resolveInRoot(root, cleanComponents(rel));
      return fsp.readFile(path.join(root, ...comps), 'utf8').catch(() => undefined);
    },
    dispose: async () => {
      if (owned) await fsp.rm(root, { recursive: true, force: true });
    },
  };
  return ctx;
}

/** .dockerignore lines: comments and blanks dropped; leading / and ./ cleaned like patternmatcher. */
async function readIgnoreFile(root: string): Promise<string[]> {
  const text = await fsp.readFile(path.join(root, '.dockerignore'), 'utf8').catch(() => '');
  return parseIgnore(text);
}

export function parseIgnore(text: string): string[] {
  const out: string[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (line.startsWith('#')) continue;
    line = line.trim();
    if (!line) continue;
    const neg = line.startsWith('!');
    let p = neg ? line.slice(1).trim() : line;
    p = path.posix.normalize(p);
    p = p.replace(/^\/+/, '').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    if (p === '' || p === '.') continue;
    out.push(neg ? '!' + p : p);
  }
  return out;
}

export type { Stats };
