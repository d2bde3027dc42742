// Tokenizer for Go's text/template syntax, following text/template/parse's
// lexer: text between actions, trim markers ("{{- " and " -}}"), comments,
// and inside actions fields, variables, literals, pipes, parentheses and
// declarations. Produces the whole token list at once; templates are short.

import { parseError } from './template-error.js';

export type TokType =
  | 'text'
  | 'left' // {{
  | 'right' // }}
  | 'space'
  | 'ident' // function name
  | 'keyword' // if else end range with break continue define template block
  | 'field' // .Name
  | 'var' // $ or $name
  | 'dot' // .
  | 'string' // "..." (value already unquoted)
  | 'raw' // `...`
  | 'char' // 'x' (value is the code point as decimal text)
  | 'number'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare' // :=
  | 'assign' // =
  | 'comma'
  | 'eof';

export interface Token {
  t: TokType;
  v: string; // the token's text (for strings, the unquoted value)
  pos: number; // offset in the source
  line: number;
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);
const SPACE = ' \t\r\n';
const isSpace = (c: string | undefined): boolean => c !== undefined && c !== '' && SPACE.includes(c);
const isAlnum = (c: string | undefined): boolean => c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c);

export function lex(src: string, name = ''): Token[] {
  const toks: Token[] = [];
  let pos = 0;
  const lineAt = (p: number): number => 1 + (src.slice(0, p).match(/\n/g)?.length ?? 0);
  const fail = (p: number, msg: string): never => {
    throw parseError(name, lineAt(p), msg);
  };
  const emit = (t: TokType, v: string, p: number): void => {
    toks.push({ t, v, pos: p, line: lineAt(p) });
  };
  // At a right delimiter? Returns its length (2 for "}}", 4 for " -}}") and whether it trims.
  const atRight = (p: number): [number, boolean] => {
    if (isSpace(src[p]) && src[p + 1] === '-' && src.startsWith('}}', p + 2)) return [4, true];
    return src.startsWith('}}', p) ? [2, false] : [0, false];
  };
  const skipSpace = (p: number): number => {
    while (isSpace(src[p])) p++;
    return p;
  };

  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    let text = open < 0 ? src.slice(pos) : src.slice(pos, open);
    if (open < 0) {
      if (text) emit('text', text, pos);
      break;
    }
    let p = open + 2;
    const trimLeft = src[p] === '-' && isSpace(src[p + 1]);
    if (trimLeft) {
      text = text.replace(/[ \t\r\n]+$/, '');
      p += 2;
    }
    if (text) emit('text', text, pos);
    if (src.startsWith('/*', p)) {
      const end = src.indexOf('*/', p + 2);
      if (end < 0) fail(p, 'unclosed comment');
      const [n, trim] = atRight(end + 2);
      if (n === 0) fail(end, 'comment ends before closing delimiter');
      pos = trim ? skipSpace(end + 2 + n) : end + 2 + n;
      continue;
    }
    emit('left', '{{', open);
    let depth = 0;
    for (;;) {
      const [n, trimRight] = atRight(p);
      if (n > 0) {
        if (depth > 0) fail(p, 'unclosed left paren');
        emit('right', '}}', p);
        p += n;
        if (trimRight) p = skipSpace(p);
        break;
      }
      const c = src[p];
      const start = p;
      if (c === undefined) fail(p, 'unclosed action');
      if (isSpace(c)) {
        while (isSpace(src[p]) && atRight(p)[0] === 0) p++;
        emit('space', src.slice(start, p), start);
      } else if (c === '=') {
        emit('assign', '=', p++);
      } else if (c === ':') {
        if (src[p + 1] !== '=') fail(p, 'expected :=');
        emit('declare', ':=', p);
        p += 2;
      } else if (c === '|') {
        emit('pipe', '|', p++);
      } else if (c === ',') {
        emit('comma', ',', p++);
      } else if (c === '(') {
        depth++;
        emit('lparen', '(', p++);
      } else if (c === ')') {
        if (--depth < 0) fail(p, `unexpected right paren`);
        emit('rparen', ')', p++);
      } else if (c === '"' || c === "'") {
        p = lexQuoted(src, p, c, (msg) => fail(start, msg));
        const body = unquote(src.slice(start + 1, p - 1), (msg) => fail(start, msg));
        if (c === '"') emit('string', body, start);
        else {
          if ([...body].length !== 1) fail(start, `malformed character constant: ${src.slice(start, p)}`);
          emit('char', String(body.codePointAt(0)), start);
        }
      } else if (c === '`') {
        const end = src.indexOf('`', p + 1);
        if (end < 0) fail(p, 'unterminated raw quoted string');
        emit('raw', src.slice(p + 1, end), p);
        p = end + 1;
      } else if (c === '$' || (c === '.' && !/[0-9]/.test(src[p + 1] ?? ''))) {
        p++;
        while (isAlnum(src[p])) p++;
        const word = src.slice(start, p);
        emit(c === '$' ? 'var' : word === '.' ? 'dot' : 'field', word, start);
        if (!atTerminator(p)) fail(p, `bad character ${describe(src[p])}`);
      } else if (c === '.' || c === '+' || c === '-' || /[0-9]/.test(c)) {
        const m = /[+-]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[oObB][0-9_]+|[0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?)i?/y;
        m.lastIndex = p;
        const num = m.exec(src)![0];
        p += num.length;
        if (num === '' || num === '+' || num === '-' || isAlnum(src[p]) || src[p] === '.') {
          while (isAlnum(src[p]) || src[p] === '.') p++;
          fail(start, `bad number syntax: "${src.slice(start, p)}"`);
        }
        emit('number', num, start);
      } else if (isAlnum(c)) {
        while (isAlnum(src[p])) p++;
        const word = src.slice(start, p);
        if (!atTerminator(p)) fail(p, `bad character ${describe(src[p])}`);
        const t: TokType = KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'ident';
        emit(t, word, start);
      } else {
        fail(p, `unrecognized character in action: ${describe(c)}`);
      }
    }
    pos = p;
  }
  emit('eof', '', src.length);
  return toks;

  function atTerminator(p: number): boolean {
    const c = src[p];
    return c === undefined || isSpace(c) || '.,|:)(='.includes(c) || atRight(p)[0] > 0;
  }
}

function describe(c: string | undefined): string {
  if (c === undefined) return 'EOF';
  const cp = c.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

/** Returns the offset just past the closing quote. */
function lexQuoted(src: string, p: number, q: string, fail: (msg: string) => never): number {
  for (let i = p + 1; ; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      if (src[i] === undefined || src[i] === '\n') break;
    } else if (c === undefined || c === '\n') {
      break;
    } else if (c === q) {
      return i + 1;
    }
  }
  return fail(q === '"' ? 'unterminated quoted string' : 'unterminated character constant');
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"',
};

/** Go's strconv.Unquote for the body of a "..." or '...' literal. */
function unquote(body: string, fail: (msg: string) => never): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/gs, (_, e: string) => {
    if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e];
    const hex = e[0] === 'x' || e[0] === 'u' || e[0] === 'U';
    if (hex || /^[0-7]{3}$/.test(e)) {
      const cp = hex ? parseInt(e.slice(1), 16) : parseInt(e, 8);
      if (cp > 0x10ffff) fail('invalid syntax');
      // \x and octal escapes are bytes in Go; for bytes < 0x80 that is the same character.
      return String.fromCodePoint(cp);
    }
    return fail('invalid syntax');
  });
}
