// -e/--env, --env-file, -l/--label, --label-file and other KEY=VALUE lists,
// following docker's opts package (ValidateEnv, ValidateLabel,
// parseKeyValueFile, ReadKVStrings, ConvertKVStringsToMap).

export type Lookup = (name: string) => string | undefined;
export type ReadFile = (path: string) => string;

/** -e KEY=V stays; -e KEY takes KEY's value from the environment, or stays bare if unset. */
export function validateEnv(val: string, lookup: Lookup): string {
  const eq = val.indexOf('=');
  const k = eq < 0 ? val : val.slice(0, eq);
  if (k === '') throw new Error(`invalid environment variable: ${val}`);
  if (eq >= 0) return val;
  const v = lookup(k);
  return v === undefined ? val : `${k}=${v}`;
}

/** -l KEY[=V]: the key must not be empty. */
export function validateLabel(val: string): string {
  const eq = val.indexOf('=');
  const k = (eq < 0 ? val : val.slice(0, eq)).trim();
  if (k === '') throw new Error(`invalid label '${val}': empty name`);
  return val;
}

const WHITESPACE = ' \t';

/**
 * Parse an env or label file: one KEY=VALUE per line, '#' comments, leading
 * whitespace trimmed, values kept verbatim. A line with only a name is passed
 * to `emptyFn` (env files take it from the environment; label files drop it).
 */
export function parseKeyValueFile(content: string, emptyFn?: (name: string) => string | undefined): string[] {
  const lines: string[] = [];
  const raw = content.split(/\r?\n/);
  if (raw.length && raw[raw.length - 1] === '') raw.pop();
  raw.forEach((text, idx) => {
    if (idx === 0 && text.startsWith('\uFEFF')) text = text.slice(1);
    const line = text.replace(/^\s+/u, '');
    if (line.length === 0 || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    let variable = eq < 0 ? line : line.slice(0, eq);
    variable = variable.replace(/^[ \t]+/, '');
    if ([...WHITESPACE].some((c) => variable.includes(c))) {
      throw new Error(`poorly formatted environment: variable '${variable}' contains whitespaces`);
    }
    if (variable.length === 0) throw new Error(`poorly formatted environment: no variable name on line '${line}'`);
    if (eq >= 0) {
      lines.push(`${variable}=${line.slice(eq + 1)}`);
    } else if (emptyFn) {
      const v = emptyFn(line);
      if (v !== undefined) lines.push(`${variable.trim()}=${v}`);
    }
  });
  return lines;
}

/** Open a file the way Go's os.Open errors read: "open <path>: no such file or directory". */
function readOrExplain(path: string, readFile: ReadFile): string {
  try {
    return readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why: Record<string, string> = {
      ENOENT: 'no such file or directory',
      EACCES: 'permission denied',
      EISDIR: 'is a directory',
      ENOTDIR: 'not a directory',
    };
    throw new Error(`open ${path}: ${(code && why[code]) || (err as Error).message}`);
  }
}

/** opts.ReadKVEnvStrings: env files first, then -e values (later ones win in the daemon). */
export function readKVEnvStrings(files: string[], override: string[], readFile: ReadFile, lookup: Lookup): string[] {
  const out: string[] = [];
  for (const f of files) out.push(...parseKeyValueFile(readOrExplain(f, readFile), (line) => lookup(line.trim())));
  return [...out, ...override];
}

/** opts.ReadKVStrings (labels): label files first, then -l values. */
export function readKVStrings(files: string[], override: string[], readFile: ReadFile): string[] {
  const out: string[] = [];
  for (const f of files) out.push(...parseKeyValueFile(readOrExplain(f, readFile)));
  return [...out, ...override];
}

/** ["a=b", "c"] -> {a: "b", c: ""} */
export function kvToMap(values: string[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq < 0) m[v] = '';
    else m[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return m;
}
