// The page's files, bundled at build time (scripts/build-web.js) into
// dist/page/ and read into memory once: a handful of small files, so every
// request is a map look-up, and nothing outside that folder can be named.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  type: string;
  body: Buffer;
}

/** The files of `dir` by URL path ('/app.js'); throws when the page was not built. */
export function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(`the dashboard's files are missing from ${dir}: run npm run build`);
  }
  for (const name of names) {
    const type = TYPES[extname(name)];
    if (type) files.set(`/${name}`, { type, body: readFileSync(join(dir, name)) });
  }
  if (!files.has('/index.html')) throw new Error(`the dashboard's index.html is missing from ${dir}: run npm run build`);
  return files;
}

/** index.html with the session's CSRF token in its <meta name="berth-token">. */
export function pageFor(index: StaticFile, csrf: string): Buffer {
  return Buffer.from(index.body.toString('utf8').replace('%BERTH_TOKEN%', csrf));
}

/** Where the bundle lands: dist/page, beside dist/src/ui where this file runs. */
export const DEFAULT_WEB_DIR = join(__dirname, '..', '..', 'page');
