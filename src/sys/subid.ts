// /etc/subuid and /etc/subgid (subuid(5)): "name-or-uid:start:count" lines
// giving a user ranges of subordinate ids. berthd reads them for
// --userns-remap and, for `default`, appends a free range for its own user:
// under shadow's lock file, never touching the lines already there, written
// to a temp file and renamed over the original (util/atomic).
import { promises as fsp } from 'node:fs';
import { atomicWrite } from '../util/atomic';

export interface SubIdRange {
  /** User name or numeric uid, as written in the file. */
  name: string;
  start: number;
  count: number;
}

/** dockerd's defaults for the ranges it creates: 65536 ids from 100000 up. */
export const DEFAULT_RANGE_SIZE = 65536;
export const DEFAULT_RANGE_MIN = 100000;

/** Parses a subuid/subgid file; blank lines and # comments are skipped, anything else malformed is an error. */
export function parseSubIds(text: string, file = 'subid file'): SubIdRange[] {
  const out: SubIdRange[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const parts = line.split(':');
    const start = Number(parts[1]);
    const count = Number(parts[2]);
    if (parts.length !== 3 || !parts[0] || !/^\d+$/.test(parts[1]) || !/^\d+$/.test(parts[2]) || !Number.isSafeInteger(start) || !Number.isSafeInteger(count)) {
      throw new Error(`invalid line ${i + 1} in ${file}: ${JSON.stringify(raw)}`);
    }
    out.push({ name: parts[0], start, count });
  }
  return out;
}

/** The ranges of a user, matched by name or by uid (subuid(5)), in file order. */
export function rangesOf(entries: SubIdRange[], name: string, uid: number): SubIdRange[] {
  return entries.filter((e) => e.name === name || e.name === String(uid));
}

/** The lowest start >= min such that [start, start+size) overlaps no range of any user. */
export function freeRangeStart(entries: SubIdRange[], size = DEFAULT_RANGE_SIZE, min = DEFAULT_RANGE_MIN): number {
  let start = min;
  // Sorted by start, one pass suffices: `start` only moves up, past each range it meets.
  for (const e of [...entries].sort((a, b) => a.start - b.start)) {
    if (e.count > 0 && start < e.start + e.count && e.start < start + size) start = e.start + e.count;
  }
  return start;
}

/** The file with one line appended, keeping its bytes (and a missing final newline fixed). */
export function appendLine(text: string, line: string): string {
  return text === '' || text.endsWith('\n') ? `${text}${line}\n` : `${text}\n${line}\n`;
}

/**
 * Gives `name` a free range of `size` ids in `file` unless it has one
 * already; returns the user's ranges afterwards.
 */
export async function ensureSubIdRange(file: string, name: string, uid: number, size = DEFAULT_RANGE_SIZE): Promise<SubIdRange[]> {
  return withFileLock(file, async () => {
    const st = await fsp.stat(file).catch(() => undefined);
    const text = st ? await fsp.readFile(file, 'utf8') : '';
    const entries = parseSubIds(text, file);
    const have = rangesOf(entries, name, uid);
    if (have.length) return have;
    const start = freeRangeStart(entries, size);
    await atomicWrite(file, appendLine(text, `${name}:${start}:${size}`), { mode: st ? st.mode & 0o7777 : 0o644 });
    if (st) await fsp.chown(file, st.uid, st.gid);
    return [{ name, start, count: size }];
  });
}

/** Reads a file's ranges for a user (an absent file has none). */
export async function readSubIds(file: string, name: string, uid: number): Promise<SubIdRange[]> {
  const text = await fsp.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  return rangesOf(parseSubIds(text, file), name, uid);
}

/**
 * shadow-utils' convention (usermod, useradd): `<file>.lock` made with
 * O_EXCL holds the file; a lock whose writer is gone is taken over.
 */
async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  for (let i = 0; ; i++) {
    try {
      const fh = await fsp.open(lock, 'wx', 0o600);
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number((await fsp.readFile(lock, 'utf8').catch(() => '')).trim());
      if (!(holder > 0) || !alive(holder)) {
        await fsp.rm(lock, { force: true });
        continue;
      }
      if (i >= 100) throw new Error(`${file} is locked by process ${holder} (${lock})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await fn();
  } finally {
    await fsp.rm(lock, { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
