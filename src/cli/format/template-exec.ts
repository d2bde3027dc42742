// Executes a parsed template, following text/template's exec.go: how fields,
// methods and map keys resolve, how pipelines pass their value on as the last
// argument, variable scoping, range/with/if, and Go's error messages.

import { formatValue } from './gofmt.js';
import { compareGoStrings, goKind, goTypeName, isStrictStruct, isTrue, lookupField } from './gotypes.js';
import { execError, TemplateError } from './template-error.js';
import type { FuncDef, ParamType } from './template-funcs.js';
import { commandString, operandString, pipeString, type Command, type Node, type Operand, type Pipe } from './template-parser.js';

/** "No value was piped in", as opposed to a piped `undefined` (a missing key). */
const MISSING = Symbol('missing');
type Final = unknown | typeof MISSING;

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

type ErrNode = { pos: number; text: string };

export class Executor {
  private out: string[] = [];
  private vars: { name: string; value: unknown }[] = [];

  constructor(
    private readonly src: string,
    private readonly name: string,
    private readonly funcs: Map<string, FuncDef>,
  ) {}

  run(nodes: Node[], data: unknown): string {
    this.vars = [{ name: '$', value: data }];
    try {
      this.walkList(nodes, data);
    } catch (e) {
      if (e instanceof TemplateError) e.partial = this.out.join('');
      throw e;
    }
    return this.out.join('');
  }

  private fail(at: ErrNode, msg: string): never {
    throw execError(this.src, this.name, at.pos, at.text, msg);
  }

  private walkList(nodes: Node[], dot: unknown): void {
    for (const n of nodes) this.walk(n, dot);
  }

  private walk(n: Node, dot: unknown): void {
    switch (n.k) {
      case 'text':
        this.out.push(n.text);
        return;
      case 'action': {
        const v = this.evalPipeline(dot, n.pipe);
        if (n.pipe.decl.length === 0) this.out.push(this.printable(v, { pos: n.pipe.pos, text: pipeString(n.pipe) }));
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const v = this.evalPipeline(dot, n.pipe);
        if (isTrue(v)) this.walkList(n.list, n.k === 'with' ? v : dot);
        else if (n.elseList) this.walkList(n.elseList, dot);
        this.vars.length = mark;
        return;
      }
      case 'range':
        return this.walkRange(n, dot);
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
    }
  }

  private walkRange(n: Extract<Node, { list: Node[] }>, dot: unknown): void {
    const at = { pos: n.pipe.pos, text: pipeString(n.pipe) };
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, { ...n.pipe, decl: [] });
    const items = this.iterate(val, n.pipe.decl.length, at);
    if (items.length === 0) {
      if (n.elseList) this.walkList(n.elseList, dot);
      return;
    }
    for (const [key, elem] of items) {
      const m = this.vars.length;
      const vals = n.pipe.decl.length === 2 ? [key, elem] : [elem];
      n.pipe.decl.forEach((name, i) => (n.pipe.isAssign ? this.setVar(name, vals[i], at) : this.vars.push({ name, value: vals[i] })));
      try {
        this.walkList(n.list, elem);
      } catch (e) {
        if (e === BREAK) break;
        if (e !== CONTINUE) throw e;
      } finally {
        this.vars.length = m;
      }
    }
    this.vars.length = mark;
  }

  private iterate(val: unknown, nvars: number, at: ErrNode): [unknown, unknown][] {
    if (val == null) return []; // nil slices and maps, missing keys
    if (Array.isArray(val)) return val.map((v, i) => [i, v]);
    const kind = goKind(val);
    if (kind === 'int' && typeof val === 'number') {
      if (nvars > 1) this.fail(at, `can't use ${val} to iterate over more than one variable`);
      return Array.from({ length: Math.max(val, 0) }, (_, i) => [i, i]);
    }
    if ((kind === 'map' || kind === 'struct') && !isStrictStruct(val)) {
      const obj = val as Record<string, unknown>;
      return Object.keys(obj).sort(compareGoStrings).map((k) => [k, obj[k]]); // Go visits map keys in order
    }
    return this.fail(at, `range can't iterate over ${formatValue(val)}`);
  }

  private printable(v: unknown, at: ErrNode): string {
    if (v === undefined) return '<no value>';
    if (typeof v === 'function') this.fail(at, `can't print ${at.text} of type ${goTypeName(v)}`);
    return formatValue(v);
  }

  private evalPipeline(dot: unknown, pipe: Pipe): unknown {
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, value, { pos: pipe.pos, text: pipeString(pipe) });
      else this.vars.push({ name, value });
    }
    return value;
  }

  private evalCommand(dot: unknown, cmd: Command, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.k) {
      case 'field':
        return this.evalFieldChain(dot, dot, first, first.idents, cmd.args, final);
      case 'chain':
        return this.evalFieldChain(dot, this.evalArg(dot, first.node, 'any'), first, first.idents, cmd.args, final);
      case 'ident':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'var':
        return this.evalVariable(dot, first, cmd.args, final);
      case 'nil':
        return this.fail(node(first), 'nil is not a command');
    }
    this.notAFunction(cmd.args, final);
    return first.k === 'pipe' ? this.evalPipeline(dot, first.pipe) : this.evalArg(dot, first, 'any');
  }

  private notAFunction(args: Operand[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.fail(node(args[0]), `can't give argument to non-function ${operandString(args[0])}`);
  }

  private evalVariable(dot: unknown, v: Extract<Operand, { k: 'var' }>, args: Operand[] | null, final: Final): unknown {
    const value = this.getVar(v.name, node(v));
    if (v.idents.length === 0) {
      if (args) this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.idents, args, final);
  }

  private evalFieldChain(dot: unknown, receiver: unknown, at: Operand, idents: string[], args: Operand[] | null, final: Final): unknown {
    const n = idents.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, idents[i], at, null, MISSING, receiver);
    return this.evalField(dot, idents[n - 1], at, args, final, receiver);
  }

  private evalField(dot: unknown, field: string, at: Operand, args: Operand[] | null, final: Final, receiver: unknown): unknown {
    if (receiver === undefined) return undefined; // a missing key's fields are missing too
    const where = node(at);
    if (receiver === null) this.fail(where, `nil pointer evaluating ${goTypeName(receiver)}.${field}`);
    const kind = goKind(receiver);
    if (kind !== 'map' && kind !== 'struct') this.fail(where, `can't evaluate field ${field} in type ${goTypeName(receiver)}`);
    let found: { found: boolean; value?: unknown };
    try {
      found = lookupField(receiver as object, field);
    } catch (e) {
      return this.fail(where, `error calling ${field}: ${(e as Error).message}`); // a throwing getter
    }
    if (found.found && typeof found.value === 'function') {
      const fn = found.value as (...a: unknown[]) => unknown;
      return this.evalCall(dot, { fn: fn.bind(receiver), params: [], variadic: 'any' }, field, where, where, args, final);
    }
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (!found.found && isStrictStruct(receiver)) this.fail(where, `can't evaluate field ${field} in type ${goTypeName(receiver)}`);
    if (hasArgs) {
      const msg = kind === 'struct' && found.found ? 'has arguments but cannot be invoked as function' : 'is not a method but has arguments';
      this.fail(where, `${field} ${msg}`);
    }
    return found.value;
  }

  private evalFunction(dot: unknown, ident: Extract<Operand, { k: 'ident' }>, cmd: Command | null, args: Operand[] | null, final: Final): unknown {
    const fn = this.funcs.get(ident.name);
    const where = node(ident);
    if (!fn) this.fail(where, `"${ident.name}" is not a defined function`);
    const callSite = cmd ? { pos: cmd.pos, text: commandString(cmd) } : where;
    return this.evalCall(dot, fn, ident.name, where, callSite, args, final);
  }

  private evalCall(dot: unknown, fn: FuncDef, name: string, at: ErrNode, callSite: ErrNode, args: Operand[] | null, final: Final): unknown {
    const argNodes = args ? args.slice(1) : [];
    const got = argNodes.length + (final === MISSING ? 0 : 1);
    const fixed = fn.params.length;
    if (fn.variadic ? got < fixed : got !== fixed) {
      this.fail(at, `wrong number of args for ${name}: want ${fn.variadic ? 'at least ' : ''}${fixed} got ${got}`);
    }
    const typeAt = (i: number): ParamType => (i < fixed ? fn.params[i] : fn.variadic!);
    if (fn.shortCircuit) {
      // and/or stop at the first argument that decides the result.
      const wantTrue = name === 'or';
      let v: unknown;
      for (const a of argNodes) {
        v = this.evalArg(dot, a, 'any');
        if (isTrue(v) === wantTrue) return v;
      }
      return final === MISSING ? v : final;
    }
    const argv = argNodes.map((a, i) => this.evalArg(dot, a, typeAt(i)));
    if (final !== MISSING) argv.push(this.checkType(final, typeAt(argv.length), at));
    try {
      return fn.fn(...argv);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      return this.fail(callSite, `error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private evalArg(dot: unknown, a: Operand, type: ParamType): unknown {
    let v: unknown;
    switch (a.k) {
      case 'dot':
        v = dot;
        break;
      case 'nil':
        if (type !== 'any' && type !== 'slice') this.fail(node(a), `cannot assign nil to ${goParamName(type)}`);
        return null;
      case 'field':
        v = this.evalFieldChain(dot, dot, a, a.idents, null, MISSING);
        break;
      case 'var':
        v = this.evalVariable(dot, a, null, MISSING);
        break;
      case 'chain':
        v = this.evalFieldChain(dot, this.evalArg(dot, a.node, 'any'), a, a.idents, null, MISSING);
        break;
      case 'pipe':
        v = this.evalPipeline(dot, a.pipe);
        break;
      case 'ident':
        v = this.evalFunction(dot, a, null, null, MISSING);
        break;
      default:
        v = a.v;
    }
    return this.checkType(v, type, node(a));
  }

  private checkType(v: unknown, type: ParamType, at: ErrNode): unknown {
    if (type === 'any') return v;
    if (v === undefined) this.fail(at, `invalid value; expected ${goParamName(type)}`);
    const ok =
      (type === 'string' && typeof v === 'string') ||
      (type === 'int' && ((typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint')) ||
      (type === 'slice' && (Array.isArray(v) || v === null));
    if (!ok) this.fail(at, `wrong type for value; expected ${goParamName(type)}; got ${goTypeName(v)}`);
    return type === 'slice' && v === null ? [] : v;
  }

  private getVar(name: string, at: ErrNode): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return this.fail(at, `undefined variable: ${name}`);
  }

  private setVar(name: string, value: unknown, at: ErrNode): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.fail(at, `undefined variable: ${name}`);
  }
}

function node(op: Operand): ErrNode {
  return { pos: op.pos, text: operandString(op) };
}

function goParamName(t: ParamType): string {
  return t === 'slice' ? '[]string' : t;
}
