// The .env file (and --env-file) as docker compose reads it: KEY=VALUE lines,
// `export ` allowed, # comments, values in single quotes taken as written,
// in double quotes with \n \t \" \\ escapes, unquoted ones trimmed and cut at
// " #". Later lines win.

export function parseDotenv(text: string, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n].trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trim();
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) throw new Error(`failed to read ${file}: line ${n + 1}: unexpected character in variable name "${key}"`);
    if (eq < 0) continue;
    let v = line.slice(eq + 1).trim();
    if (v.startsWith("'")) {
      const end = v.indexOf("'", 1);
      v = end < 0 ? v.slice(1) : v.slice(1, end);
    } else if (v.startsWith('"')) {
      let s = '';
      let i = 1;
      for (; i < v.length && v[i] !== '"'; i++) {
        if (v[i] === '\\' && i + 1 < v.length) {
          const e = v[++i];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        } else s += v[i];
      }
      v = s;
    } else {
      const hash = v.indexOf(' #');
      if (hash >= 0) v = v.slice(0, hash).trim();
    }
    out[key] = v;
  }
  return out;
}
