// The Dockerfile parser: text → instructions, pure. Handles parser
// directives (`# escape=`` ` and `# syntax=`), comments, line continuations
// (with the escape character), here-documents (`<<EOF`, `<<-EOF`,
// `<<"EOF"` for RUN/COPY/ADD) and the exec (JSON array) form. Arguments are
// kept raw: variable substitution happens when the instruction runs, with
// the build's environment at that point (see shell-lex.ts).
import { invalidArgument } from '../../errdefs';

export const INSTRUCTIONS = [
  'add', 'arg', 'cmd', 'copy', 'entrypoint', 'env', 'expose', 'from', 'healthcheck', 'label',
  'maintainer', 'onbuild', 'run', 'shell', 'stopsignal', 'user', 'volume', 'workdir',
];
const HEREDOC_INSTRUCTIONS = new Set(['run', 'copy', 'add']);

export interface Heredoc {
  name: string;
  content: string;
  /** Unquoted delimiter: variables in the body are expanded. */
  expand: boolean;
}

export interface Instruction {
  /** Lower-case keyword: from, run, copy, … */
  cmd: string;
  /** The instruction as written, continuations joined (what `Step N/M :` shows). */
  original: string;
  /** 1-based line where it starts. */
  line: number;
  /** Leading `--name=value` flags, raw. */
  flags: string[];
  /** The arguments after the flags, raw. */
  rest: string;
  /** Exec form: the JSON array, when `rest` is one. */
  json?: string[];
  heredocs: Heredoc[];
}

export interface Dockerfile {
  escape: string;
  directives: Record<string, string>;
  instructions: Instruction[];
}

export function parseError(line: number, msg: string): Error {
  return invalidArgument(`dockerfile parse error on line ${line}: ${msg}`);
}

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const directives: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(lines[i]);
    if (!m) break;
    const key = m[1].toLowerCase();
    if (key in directives) throw parseError(i + 1, `only one ${key} parser directive can be used`);
    directives[key] = m[2];
  }
  const escape = directives.escape ?? '\\';
  if (escape !== '\\' && escape !== '`') throw parseError(1, `invalid escape token '${escape}' does not match ` + '` or \\');
  const contRe = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);

  const instructions: Instruction[] = [];
  while (i < lines.length) {
    const start = i;
    let line = lines[i++];
    if (/^\s*(#|$)/.test(line)) continue;
    let joined = '';
    // Continuations: drop the escape, keep going; comments and blank lines inside are skipped.
    while (contRe.test(line)) {
      joined += line.replace(contRe, '');
      let next: string | undefined;
      while (i < lines.length) {
        const l = lines[i++];
        if (!/^\s*(#|$)/.test(l)) {
          next = l;
          break;
        }
      }
      line = next ?? '';
      if (next === undefined) break;
    }
    joined += line;
    const text = joined.trim();
    const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
    if (!m) continue;
    const cmd = m[1].toLowerCase();
    if (!INSTRUCTIONS.includes(cmd)) throw parseError(start + 1, `unknown instruction: ${m[1]}`);
    let rest = m[2];
    const flags: string[] = [];
    for (;;) {
      const f = /^(--[^\s]+)\s*/.exec(rest);
      if (!f) break;
      flags.push(f[1]);
      rest = rest.slice(f[0].length);
    }
    const heredocs: Heredoc[] = [];
    if (HEREDOC_INSTRUCTIONS.has(cmd)) {
      for (const h of rest.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
        const strip = h[1] === '-';
        const body: string[] = [];
        for (;;) {
          if (i >= lines.length) throw parseError(start + 1, `unterminated heredoc ${h[3]}`);
          const l = lines[i++];
          const cmp = strip ? l.replace(/^\t+/, '') : l;
          if (cmp === h[3]) break;
          body.push(cmp);
        }
        heredocs.push({ name: h[3], content: body.length ? body.join('\n') + '\n' : '', expand: h[2] === '' });
      }
    }
    instructions.push({ cmd, original: text, line: start + 1, flags, rest, json: execForm(rest), heredocs });
  }
  return { escape, directives, instructions };
}

/** The exec form: a JSON array of strings, else undefined (shell form). */
function execForm(rest: string): string[] | undefined {
  const t = rest.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v = JSON.parse(t);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  } catch {
    /* not JSON: shell form, as Docker treats it */
  }
  return undefined;
}

/** The flags of an instruction as name → values; unknown names are refused as Docker does. */
export function parseFlags(ins: Instruction, allowed: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of ins.flags) {
    const eq = f.indexOf('=');
    const name = f.slice(2, eq < 0 ? undefined : eq);
    if (!allowed.includes(name)) throw parseError(ins.line, `unknown flag: ${name}`);
    const value = eq < 0 ? 'true' : f.slice(eq + 1);
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

/**
 * ENV and LABEL arguments: `key=value ...` (values may be quoted; quotes are
 * removed later with the substitution) or the old `key value` form.
 * Returns raw [key, value] pairs.
 */
export function parseNameValues(ins: Instruction, escape: string): [string, string][] {
  const words = splitWords(ins.rest, escape);
  if (words.length === 0) throw parseError(ins.line, `${ins.cmd.toUpperCase()} requires at least one argument`);
  if (!words[0].includes('=')) {
    // ENV key value (the rest of the line is the value); LABEL requires =.
    if (ins.cmd === 'label') throw parseError(ins.line, `LABEL requires at least one argument`);
    const m = /^(\S+)\s+([\s\S]*)$/.exec(ins.rest.trim());
    if (!m) throw parseError(ins.line, `${ins.cmd.toUpperCase()} must have two arguments`);
    return [[m[1], m[2]]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq < 0) throw parseError(ins.line, `Syntax error - can't find = in "${w}". Must be of the form: name=value`);
    if (eq === 0) throw parseError(ins.line, `${ins.cmd.toUpperCase()} names can not be blank`);
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/** Splits on unquoted whitespace, keeping quotes and escapes (for later processing). */
export function splitWords(s: string, escape: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (!quote && /\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === escape && quote !== "'" && i + 1 < s.length) {
      cur += c + s[++i];
      continue;
    }
    if (quote && c === quote) quote = '';
    else if (!quote && (c === '"' || c === "'")) quote = c;
    cur += c;
  }
  if (inWord) out.push(cur);
  return out;
}
