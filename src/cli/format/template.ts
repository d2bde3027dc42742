// Go text/template, as docker's --format uses it.
//
// Hand-written because the point is byte-for-byte agreement with docker:
// Go's grammar, its value printing (`[a b]`, `map[k:v]`, `<no value>`), its
// error messages, plus docker's own functions (json, join, split, title,
// lower, upper, pad, truncate). No npm package implements Go templates with
// Go's semantics. Pieces: template-lexer → template-parser → template-exec,
// functions in template-funcs, Go's fmt/json rules in gofmt/gojson.
//
//   parseTemplate('{{.Name}}\t{{json .Config}}').execute(container)

import { BUILTINS, toFuncDef, type FuncDef, type FuncMap } from './template-funcs.js';
import { TemplateError } from './template-error.js';
import { Executor } from './template-exec.js';
import { parse, type Node, type Operand, type Pipe } from './template-parser.js';

export { TemplateError } from './template-error.js';
export type { FuncDef, FuncMap } from './template-funcs.js';

export interface ParseOptions {
  /** Template name, shown in errors as Go does (docker's is ""). */
  name?: string;
  /** Extra functions, or replacements for builtin ones. */
  funcs?: FuncMap;
}

export interface ExecuteOptions {
  /** Functions that replace same-named ones for this run (docker's header trick). */
  funcs?: FuncMap;
}

export class Template {
  constructor(
    readonly source: string,
    private readonly nodes: Node[],
    private readonly funcs: Map<string, FuncDef>,
    readonly name: string,
  ) {}

  /**
   * Runs the template against data. Throws TemplateError; its `partial`
   * holds what was written before the failure.
   */
  execute(data: unknown, opts: ExecuteOptions = {}): string {
    let funcs = this.funcs;
    if (opts.funcs) {
      funcs = new Map(funcs);
      for (const [k, f] of Object.entries(opts.funcs)) funcs.set(k, toFuncDef(f));
    }
    return new Executor(this.source, this.name, funcs).run(this.nodes, data);
  }

  /**
   * The first identifier of every field reference (`.Names`, `$.ID`,
   * `(.X).Y` gives Names, ID, X and Y): what a table header must provide.
   */
  fieldNames(): string[] {
    const names = new Set<string>();
    const visitOp = (op: Operand): void => {
      if (op.k === 'field' && op.idents.length) names.add(op.idents[0]);
      else if (op.k === 'var' && op.name === '$' && op.idents.length) names.add(op.idents[0]);
      else if (op.k === 'chain') visitOp(op.node);
      else if (op.k === 'pipe') visitPipe(op.pipe);
    };
    const visitPipe = (p: Pipe): void => p.cmds.forEach((c) => c.args.forEach(visitOp));
    const visit = (nodes: Node[]): void => {
      for (const n of nodes) {
        if (n.k === 'action') visitPipe(n.pipe);
        else if (n.k === 'if' || n.k === 'with' || n.k === 'range') {
          visitPipe(n.pipe);
          visit(n.list);
          if (n.elseList) visit(n.elseList);
        }
      }
    };
    visit(this.nodes);
    return [...names];
  }
}

/** Parses a Go template. Throws TemplateError with Go's message on bad syntax. */
export function parseTemplate(src: string, opts: ParseOptions = {}): Template {
  const funcs = new Map<string, FuncDef>(Object.entries(BUILTINS));
  for (const [k, f] of Object.entries(opts.funcs ?? {})) funcs.set(k, toFuncDef(f));
  const name = opts.name ?? '';
  try {
    return new Template(src, parse(src, new Set(funcs.keys()), name), funcs, name);
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    throw new TemplateError(`template: ${name}: ${(e as Error).message}`);
  }
}
