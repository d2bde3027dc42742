// Parser for Go's text/template, mirroring text/template/parse: the same
// grammar (pipelines of commands of operands, if/else if/range/with/end),
// the same parse-time checks (undefined functions and variables, break
// outside range) and the same error messages.

import { parseError } from './template-error.js';
import { lex, type Token } from './template-lexer.js';

export type Operand =
  | { k: 'field'; idents: string[]; pos: number }
  | { k: 'var'; name: string; idents: string[]; pos: number } // $x.A.B: name "$x", idents [A, B]
  | { k: 'chain'; node: Operand; idents: string[]; pos: number } // (pipeline).A
  | { k: 'dot'; pos: number }
  | { k: 'nil'; pos: number }
  | { k: 'bool'; v: boolean; pos: number }
  | { k: 'number'; v: number; text: string; pos: number }
  | { k: 'string'; v: string; text: string; pos: number }
  | { k: 'ident'; name: string; pos: number }
  | { k: 'pipe'; pipe: Pipe; pos: number };

export interface Command {
  args: Operand[];
  pos: number;
}

export interface Pipe {
  decl: string[];
  isAssign: boolean;
  cmds: Command[];
  pos: number;
}

export type Node =
  | { k: 'text'; text: string }
  | { k: 'action'; pipe: Pipe; pos: number }
  | { k: 'if' | 'with' | 'range'; pipe: Pipe; list: Node[]; elseList?: Node[]; pos: number }
  | { k: 'break' | 'continue'; pos: number };

type Stop = { k: 'end' | 'else'; pos: number };

export function parse(src: string, funcNames: Set<string>, name = ''): Node[] {
  const toks = lex(src, name);
  let i = 0;
  let vars: string[] = ['$'];
  let rangeDepth = 0;

  const peek = (): Token => toks[i];
  const next = (): Token => toks[i++];
  const nextNonSpace = (): Token => {
    while (toks[i].t === 'space') i++;
    return toks[i++];
  };
  const peekNonSpace = (): Token => {
    while (toks[i].t === 'space') i++;
    return toks[i];
  };
  const fail = (tok: Token, msg: string): never => {
    throw parseError(name, tok.line, msg);
  };
  // Spaces are tokens too, so a token's source text runs up to the next token.
  const textOf = (tok: Token): string => {
    const k = toks.indexOf(tok);
    return src.slice(tok.pos, k + 1 < toks.length ? toks[k + 1].pos : src.length);
  };
  // Go's item.String(): <keyword>, EOF, or the quoted text cut at 10 characters.
  const describe = (tok: Token): string => {
    if (tok.t === 'eof') return 'EOF';
    if (tok.t === 'keyword') return `<${tok.v}>`;
    const text = tok.t === 'right' ? '}}' : textOf(tok);
    return text.length > 10 ? `${JSON.stringify(text.slice(0, 10))}...` : JSON.stringify(text);
  };
  const unexpected = (tok: Token, context: string): never => fail(tok, `unexpected ${describe(tok)} in ${context}`);
  const expectRight = (context: string): void => {
    const tok = nextNonSpace();
    if (tok.t !== 'right') unexpected(tok, context);
  };

  function itemList(): [Node[], Stop] {
    const list: Node[] = [];
    while (peekNonSpace().t !== 'eof') {
      const n = textOrAction();
      if (n.k === 'end' || n.k === 'else') return [list, n as Stop];
      list.push(n as Node);
    }
    return fail(peek(), 'unexpected EOF');
  }

  function textOrAction(): Node | Stop {
    const tok = nextNonSpace();
    if (tok.t === 'text') return { k: 'text', text: tok.v };
    if (tok.t === 'left') return action();
    return unexpected(tok, 'input');
  }

  function action(): Node | Stop {
    const tok = peekNonSpace();
    if (tok.t === 'keyword') {
      next();
      switch (tok.v) {
        case 'if':
        case 'with':
        case 'range':
          return control(tok.v, tok);
        case 'end':
          expectRight('end');
          return { k: 'end', pos: tok.pos };
        case 'else': {
          const after = peekNonSpace();
          // "else if" / "else with": leave the keyword for control() to chain on.
          if (after.t === 'keyword' && (after.v === 'if' || after.v === 'with')) return { k: 'else', pos: tok.pos };
          expectRight('else');
          return { k: 'else', pos: tok.pos };
        }
        case 'break':
        case 'continue':
          if (rangeDepth === 0) fail(tok, `{{${tok.v}}} outside {{range}}`);
          expectRight(tok.v);
          return { k: tok.v as 'break' | 'continue', pos: tok.pos };
        default:
          return fail(tok, `{{${tok.v}}} is not supported by berth's templates`);
      }
    }
    return { k: 'action', pipe: pipeline('command', 'right'), pos: tok.pos };
  }

  function control(kind: 'if' | 'with' | 'range', tok: Token): Node {
    const saved = vars.length;
    const pipe = pipeline(kind, 'right');
    if (kind === 'range') rangeDepth++;
    const [list, stop] = itemList();
    if (kind === 'range') rangeDepth--;
    let elseList: Node[] | undefined;
    if (stop.k === 'else') {
      const chained = peekNonSpace();
      if (kind !== 'range' && chained.t === 'keyword' && chained.v === kind) {
        // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}
        next();
        elseList = [control(kind, chained)];
      } else {
        const [l, end] = itemList();
        if (end.k !== 'end') fail(tok, 'expected end; found {{else}}');
        elseList = l;
      }
    }
    vars = vars.slice(0, saved);
    return { k: kind, pipe, list, elseList, pos: tok.pos };
  }

  function pipeline(context: string, end: 'right' | 'rparen'): Pipe {
    const pipe: Pipe = { decl: [], isAssign: false, cmds: [], pos: peekNonSpace().pos };
    // Declarations: "$x :=", "$x =", and "$i, $v :=" in range.
    for (;;) {
      const v = peekNonSpace();
      if (v.t !== 'var') break;
      const start = i;
      next();
      const after = peekNonSpace();
      if (after.t === 'declare' || after.t === 'assign') {
        next();
        pipe.isAssign = after.t === 'assign';
        pipe.decl.push(v.v);
        vars.push(v.v);
        break;
      }
      if (after.t === 'comma') {
        next();
        pipe.decl.push(v.v);
        vars.push(v.v);
        if (context !== 'range' || pipe.decl.length > 1) fail(after, `too many declarations in ${context}`);
        if (peekNonSpace().t !== 'var') fail(after, 'range can only initialize variables');
        continue;
      }
      i = start; // "$x" is an operand, not a declaration
      break;
    }
    for (;;) {
      const tok = nextNonSpace();
      if (tok.t === end) break;
      if (['bool', 'char', 'dot', 'field', 'ident', 'number', 'nil', 'raw', 'string', 'var', 'lparen'].includes(tok.t)) {
        i--;
        pipe.cmds.push(command());
      } else {
        unexpected(tok, context);
      }
    }
    if (pipe.cmds.length === 0) fail(toks[i - 1], `missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, n) => {
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0].k)) {
        fail(toks[i - 1], `non executable command in pipeline stage ${n + 2}`);
      }
    });
    return pipe;
  }

  function command(): Command {
    const cmd: Command = { args: [], pos: peekNonSpace().pos };
    for (;;) {
      peekNonSpace();
      const op = operand();
      if (op) cmd.args.push(op);
      const tok = next();
      if (tok.t === 'space') continue;
      if (tok.t === 'right' || tok.t === 'rparen') i--;
      else if (tok.t !== 'pipe') unexpected(tok, 'operand');
      break;
    }
    if (cmd.args.length === 0) fail(peek(), 'empty command');
    return cmd;
  }

  function operand(): Operand | undefined {
    const node = term();
    if (!node || peek().t !== 'field') return node;
    const chainPos = peek().pos;
    const idents: string[] = [];
    while (peek().t === 'field') idents.push(next().v.slice(1));
    switch (node.k) {
      case 'field':
        return { k: 'field', idents: [...node.idents, ...idents], pos: chainPos };
      case 'var':
        return { k: 'var', name: node.name, idents: [...node.idents, ...idents], pos: chainPos };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return fail(toks[i - 1], `unexpected . after term "${operandString(node)}"`);
      default:
        return { k: 'chain', node, idents, pos: chainPos };
    }
  }

  function term(): Operand | undefined {
    const tok = nextNonSpace();
    switch (tok.t) {
      case 'ident':
        if (!funcNames.has(tok.v)) fail(tok, `function "${tok.v}" not defined`);
        return { k: 'ident', name: tok.v, pos: tok.pos };
      case 'dot':
        return { k: 'dot', pos: tok.pos };
      case 'nil':
        return { k: 'nil', pos: tok.pos };
      case 'var':
        if (!vars.includes(tok.v)) fail(tok, `undefined variable "${tok.v}"`);
        return { k: 'var', name: tok.v, idents: [], pos: tok.pos };
      case 'field':
        return { k: 'field', idents: [tok.v.slice(1)], pos: tok.pos };
      case 'bool':
        return { k: 'bool', v: tok.v === 'true', pos: tok.pos };
      case 'char':
        return { k: 'number', v: Number(tok.v), text: textOf(tok), pos: tok.pos };
      case 'number':
        return { k: 'number', v: parseNumber(tok), text: tok.v, pos: tok.pos };
      case 'lparen':
        return { k: 'pipe', pipe: pipeline('parenthesized pipeline', 'rparen'), pos: tok.pos };
      case 'string':
      case 'raw':
        return { k: 'string', v: tok.v, text: textOf(tok), pos: tok.pos };
    }
    i--;
    return undefined;
  }

  function parseNumber(tok: Token): number {
    const text = tok.v.replace(/_/g, '');
    if (text.endsWith('i')) return fail(tok, `complex numbers are not supported: ${tok.v}`);
    const neg = text.startsWith('-');
    const body = text.replace(/^[+-]/, '');
    let n: number;
    if (/^0[0-7]+$/.test(body)) n = parseInt(body, 8); // Go's legacy octal
    else if (/^0[xX][0-9a-fA-F]+$/.test(body) || /^0[oObB]/.test(body)) n = Number(body.toLowerCase());
    else if (/^0[xX]/.test(body)) n = NaN; // hex floats: rare enough to refuse
    else n = Number(body);
    if (!Number.isFinite(n) || body === '') fail(tok, `illegal number syntax: "${tok.v}"`);
    return neg ? -n : n;
  }

  const nodes: Node[] = [];
  while (peek().t !== 'eof') {
    const n = textOrAction();
    if (n.k === 'end' || n.k === 'else') fail(toks[i - 1], `unexpected {{${n.k}}}`);
    nodes.push(n as Node);
  }
  return nodes;
}

/** Go's Node.String() for operands, used in execution error messages. */
export function operandString(op: Operand): string {
  switch (op.k) {
    case 'field':
      return '.' + op.idents.join('.');
    case 'var':
      return [op.name, ...op.idents].join('.');
    case 'chain':
      return `(${operandString(op.node).replace(/^\((.*)\)$/, '$1')}).${op.idents.join('.')}`;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(op.v);
    case 'number':
    case 'string':
      return op.text;
    case 'ident':
      return op.name;
    case 'pipe':
      return `(${pipeString(op.pipe)})`;
  }
}

export function commandString(cmd: Command): string {
  return cmd.args.map(operandString).join(' ');
}

export function pipeString(pipe: Pipe): string {
  const decl = pipe.decl.length ? `${pipe.decl.join(', ')} ${pipe.isAssign ? '=' : ':='} ` : '';
  return decl + pipe.cmds.map(commandString).join(' | ');
}
