// ADD <url>: the file is downloaded into a private directory of the build
// (named after the URL's last path component, mode 0600 as Docker's, with the
// server's Last-Modified as its mtime) and then copied like a context file.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { invalidArgument } from '../../errdefs';

/** Downloads `url` into `dir`; with `checksum` (ADD --checksum=sha256:…) the content must match it. */
export async function fetchUrl(url: string, dir: string, checksum?: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow' });
  } catch (err) {
    throw invalidArgument(`failed to GET ${url}: ${(err as Error).cause ?? (err as Error).message}`);
  }
  if (!res.ok) throw invalidArgument(`failed to GET ${url} with status ${res.status} ${res.statusText}: ${await res.text().catch(() => '')}`.trim());
  let name = path.posix.basename(new URL(url).pathname);
  if (!name || name === '/' || name === '.' || name === '..') name = '__unnamed__';
  const file = path.join(dir, name);
  const data = Buffer.from(await res.arrayBuffer());
  if (checksum !== undefined) {
    if (!/^sha256:[0-9a-f]{64}$/.test(checksum)) throw invalidArgument(`invalid checksum digest format: ${checksum}`);
    const got = 'sha256:' + createHash('sha256').update(data).digest('hex');
    if (got !== checksum) throw invalidArgument(`digest mismatch ${got}: ${checksum}`);
  }
  await fsp.writeFile(file, data, { mode: 0o600 });
  const lm = res.headers.get('last-modified');
  if (lm && !Number.isNaN(Date.parse(lm))) {
    const t = new Date(Date.parse(lm));
    await fsp.utimes(file, t, t);
  }
  return name;
}
