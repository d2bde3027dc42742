// Docker's word processing for Dockerfile arguments (moby/buildkit's
// shell.Lex): quote removal and variable substitution with $VAR, ${VAR},
// ${VAR:-default}, ${VAR-default}, ${VAR:+alt}, ${VAR+alt}, ${VAR:?msg}.
// Single quotes are literal, double quotes expand, the escape character
// (\ or `) escapes the next character outside single quotes. Written by hand:
// no npm package implements Docker's exact rules.
import { invalidArgument } from '../../errdefs';

export type Env = Map<string, string>;

/** One word: quotes removed, variables expanded, never split. */
export function processWord(word: string, env: Env, escape = '\\'): string {
  return new Lexer(word, env, escape).run(false).join('');
}

/** Heredoc bodies: variables expanded, quotes kept as they are (BuildKit's rule for an unquoted delimiter). */
export function expandVariables(text: string, env: Env, escape = '\\'): string {
  return new Lexer(text, env, escape, true).run(false).join('');
}

/** Words split on unquoted whitespace (COPY/ADD/EXPOSE/VOLUME/USER sources). */
export function processWords(word: string, env: Env, escape = '\\'): string[] {
  return new Lexer(word, env, escape).run(true);
}

class Lexer {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly env: Env,
    private readonly esc: string,
    private readonly quotesLiteral = false,
  ) {}

  run(split: boolean): string[] {
    const words: string[] = [];
    let cur = '';
    let inWord = false;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (split && /\s/.test(c)) {
        if (inWord) words.push(cur);
        cur = '';
        inWord = false;
        this.i++;
        continue;
      }
      inWord = true;
      if (this.quotesLiteral) {
        if (c === '$') cur += this.dollar();
        else if (c === this.esc && this.s[this.i + 1] === '$') {
          cur += '$';
          this.i += 2;
        } else {
          cur += c;
          this.i++;
        }
        continue;
      }
      if (c === "'") cur += this.single();
      else if (c === '"') cur += this.double();
      else if (c === '$') cur += this.dollar();
      else if (c === this.esc) {
        this.i++;
        if (this.i < this.s.length) cur += this.s[this.i++];
        else cur += c;
      } else {
        cur += c;
        this.i++;
      }
    }
    if (inWord || !split) words.push(cur);
    return words;
  }

  private single(): string {
    this.i++;
    const end = this.s.indexOf("'", this.i);
    if (end < 0) throw invalidArgument('unexpected end of statement while looking for matching single-quote');
    const out = this.s.slice(this.i, end);
    this.i = end + 1;
    return out;
  }

  private double(): string {
    this.i++;
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '$') out += this.dollar();
      else if (c === this.esc && this.i + 1 < this.s.length && ['"', '$', this.esc].includes(this.s[this.i + 1])) {
        out += this.s[this.i + 1];
        this.i += 2;
      } else {
        out += c;
        this.i++;
      }
    }
    throw invalidArgument('unexpected end of statement while looking for matching double-quote');
  }

  private dollar(): string {
    this.i++; // $
    const c = this.s[this.i];
    if (c === '{') return this.braced();
    const m = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9]/.exec(this.s.slice(this.i));
    if (!m) return '$';
    this.i += m[0].length;
    return this.env.get(m[0]) ?? '';
  }

  private braced(): string {
    this.i++; // {
    const m = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9]/.exec(this.s.slice(this.i));
    if (!m) throw invalidArgument(`bad substitution: \${${this.s.slice(this.i).split('}')[0]}}`);
    const name = m[0];
    this.i += name.length;
    if (this.s[this.i] === '}') {
      this.i++;
      return this.env.get(name) ?? '';
    }
    let op = this.s[this.i];
    let colon = false;
    if (op === ':') {
      colon = true;
      op = this.s[++this.i];
    }
    if (!['-', '+', '?'].includes(op)) throw invalidArgument(`unsupported modifier (${op ?? ''}) in substitution`);
    this.i++;
    const word = this.wordUntilBrace();
    const set = this.env.has(name) && (!colon || this.env.get(name) !== '');
    const val = this.env.get(name) ?? '';
    switch (op) {
      case '-':
        return set ? val : word;
      case '+':
        return set ? word : '';
      default:
        if (!set) throw invalidArgument(`${name}: ${word || 'is not allowed to be unset'}`);
        return val;
    }
  }

  /** The word of a ${VAR:-word} modifier, itself processed, up to the matching }. */
  private wordUntilBrace(): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '}') {
        this.i++;
        return out;
      }
      if (c === '$') out += this.dollar();
      else if (c === "'") out += this.single();
      else if (c === '"') out += this.double();
      else if (c === this.esc && this.i + 1 < this.s.length) {
        out += this.s[this.i + 1];
        this.i += 2;
      } else {
        out += c;
        this.i++;
      }
    }
    throw invalidArgument('syntax error: missing \'}\'');
  }
}
