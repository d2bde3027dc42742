// Go's json.Indent, so `inspect` prints the daemon's JSON exactly as docker
// does: same key order, same number text, 4-space indentation, empty
// objects and arrays kept as {} and [].

export function indentJSON(raw: string, indent = '    '): string {
  let out = '';
  let depth = 0;
  let needIndent = false; // just opened a container: next value goes on a new line
  const nl = (): string => `\n${indent.repeat(depth)}`;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (needIndent && c !== ']' && c !== '}') {
      needIndent = false;
      depth++;
      out += nl();
    }
    if (c === '"') {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
      out += raw.slice(i, j + 1);
      i = j;
      continue;
    }
    switch (c) {
      case '{':
      case '[':
        out += c;
        needIndent = true;
        break;
      case ',':
        out += `,${nl()}`;
        break;
      case ':':
        out += ': ';
        break;
      case '}':
      case ']':
        if (needIndent) needIndent = false; // empty: "{}" / "[]"
        else {
          depth--;
          out += nl();
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

/** docker inspect's output for several raw JSON documents: one indented array. */
export function inspectArray(raws: string[]): string {
  if (raws.length === 0) return '[]\n';
  return `${indentJSON(`[${raws.map((r) => r.trim()).join(',')}]`)}\n`;
}
