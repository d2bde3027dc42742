// commander, taught to behave like the docker CLI (cobra + pflag): docker's
// error texts and exit codes for bad flags and argument counts, `--flag=false`
// for boolean flags, typed flag values with docker's "invalid argument" errors,
// and docker's help layout.
import { Command, Option } from 'commander';
import type { Cli } from './context';
import { FlagError, UsageError } from './errors';
import { parseGoBool } from './opts/goparse';

/** How many positional arguments a command takes (docker's cli.RequiresMinArgs & co). */
export type ArgRule =
  | { kind: 'none' }
  | { kind: 'exact'; n: number }
  | { kind: 'min'; n: number }
  | { kind: 'max'; n: number }
  | { kind: 'range'; min: number; max: number };

export const NoArgs: ArgRule = { kind: 'none' };
export const ExactArgs = (n: number): ArgRule => ({ kind: 'exact', n });
export const MinArgs = (n: number): ArgRule => ({ kind: 'min', n });
export const MaxArgs = (n: number): ArgRule => ({ kind: 'max', n });
export const RangeArgs = (min: number, max: number): ArgRule => ({ kind: 'range', min, max });

/** A handler returns the exit code (default 0). */
export type Handler = (cli: Cli, args: string[], opts: Record<string, unknown>) => Promise<number | void> | number | void;

const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');

/** The flag as docker names it in messages: "-m, --memory" or "--cpus". */
function displayFlag(flags: string): string {
  return flags.replace(/\s*[<[].*$/, '').trim();
}

export class BerthCommand extends Command {
  /** e.g. "[OPTIONS] IMAGE [COMMAND] [ARG...]" */
  usageArgs = '';
  argRule: ArgRule = { kind: 'min', n: 0 };
  /** Other full paths reaching the same command, for the "Aliases:" help section. */
  aliasPaths: string[] = [];
  /** Section in the root help: Common Commands, Management Commands, Commands. */
  group: 'common' | 'management' | 'commands' = 'commands';
  brief = '';
  /** Set by main: builds the Cli for a handler. */
  makeCli: ((cmd: BerthCommand) => Cli) | undefined;
  /** The exit code of the handler that ran, read by main after parsing. */
  exitCode: number | undefined;

  createCommand(name?: string): Command {
    return new BerthCommand(name);
  }

  /** "berth container ls" */
  path(): string {
    const names: string[] = [];
    for (let c: Command | null = this as Command; c; c = c.parent) names.unshift(c.name());
    return names.join(' ');
  }

  root(): BerthCommand {
    let c: Command = this as Command;
    while (c.parent) c = c.parent;
    return c as unknown as BerthCommand;
  }

  usageLine(): string {
    return `Usage:  ${this.path()}${this.usageArgs ? ` ${this.usageArgs}` : ''}`;
  }

  // ----- flag definitions -------------------------------------------------

  private wrapParser<T>(flags: string, parse: (v: string) => T): (v: string) => T {
    const shown = displayFlag(flags);
    return (v: string) => {
      try {
        return parse(v);
      } catch (err) {
        throw new FlagError(`invalid argument "${v}" for "${shown}" flag: ${(err as Error).message}`);
      }
    };
  }

  /** A boolean flag. */
  flag(flags: string, description: string, opts: { hidden?: boolean; default?: boolean } = {}): this {
    const o = new Option(flags, description);
    if (opts.default !== undefined) o.default(opts.default);
    if (opts.hidden) o.hideHelp();
    return this.addOption(o);
  }

  /** A single-valued flag ("last one wins"), optionally converted/validated. */
  value<T = string>(
    flags: string,
    description: string,
    parse?: (v: string) => T,
    opts: { hidden?: boolean; default?: T } = {},
  ): this {
    const o = new Option(flags, description);
    if (parse) {
      const p = this.wrapParser(flags, parse);
      o.argParser((v: string) => p(v));
    }
    if (opts.default !== undefined) o.default(opts.default);
    if (opts.hidden) o.hideHelp();
    return this.addOption(o);
  }

  /** A repeatable flag collecting every value in order. */
  list<T = string>(flags: string, description: string, parse?: (v: string) => T, opts: { hidden?: boolean } = {}): this {
    const p = parse ? this.wrapParser(flags, parse) : (v: string) => v as unknown as T;
    const o = new Option(flags, description).argParser((v: string, prev: T[] | undefined) => [...(prev ?? []), p(v)]);
    if (opts.hidden) o.hideHelp();
    return this.addOption(o);
  }

  /** Set the handler, run after docker-style argument checks. */
  handle(handler: Handler): this {
    this.argument('[args...]');
    this.action(async (args: string[]) => {
      this.checkArgs(args);
      const cli = this.root().makeCli!(this);
      this.root().exitCode = (await handler(cli, args, this.opts())) ?? 0;
    });
    return this;
  }

  checkArgs(args: string[]): void {
    const r = this.argRule;
    const n = args.length;
    let msg: string | undefined;
    let see = 'Run';
    const p = this.path();
    if (r.kind === 'none' && n > 0) msg = `'${p}' accepts no arguments`;
    if (r.kind === 'exact' && n !== r.n) msg = `'${p}' requires ${r.n} ${plural(r.n)}`;
    if (r.kind === 'min' && n < r.n) {
      msg = `'${p}' requires at least ${r.n} ${plural(r.n)}`;
      see = 'See';
    }
    if (r.kind === 'max' && n > r.n) msg = `'${p}' requires at most ${r.n} ${plural(r.n)}`;
    if (r.kind === 'range' && (n < r.min || n > r.max)) {
      msg = `'${p}' requires at least ${r.min} and at most ${r.max} ${plural(r.max)}`;
    }
    if (msg) {
      throw new UsageError(`berth: ${msg}\n\n${this.usageLine()}\n\n${see} '${p} --help' for more information`, 1);
    }
  }

  // ----- docker's parse errors (overriding commander's internals) ----------

  private flagUsageError(message: string): never {
    throw new UsageError(`${message}\n\n${this.usageLine()}\n\nRun '${this.path()} --help' for more information`, 125);
  }

  unknownOption(flag: string): never {
    if (/^-[^-]/.test(flag)) this.flagUsageError(`unknown shorthand flag: '${flag[1]}' in ${flag}`);
    this.flagUsageError(`unknown flag: ${flag.replace(/=.*$/, '')}`);
  }

  optionMissingArgument(option: Option): never {
    const long = option.long && !option.short ? option.long : undefined;
    if (long) this.flagUsageError(`flag needs an argument: ${long}`);
    // pflag names the shorthand when that was used; we cannot tell, use the long form
    this.flagUsageError(`flag needs an argument: ${option.long ?? option.short}`);
  }

  unknownCommand(): never {
    const args = (this as unknown as { args: string[] }).args;
    const name = args[0] ?? '';
    const usage = this.parent ? `\n\nUsage:  ${this.path()}` : '';
    throw new UsageError(`berth: unknown command: ${this.path()} ${name}${usage}\n\nRun '${this.path()} --help' for more information`, 1);
  }

  _excessArguments(): void {
    // counts are checked by checkArgs with docker's messages
  }

  /**
   * pflag accepts "--bool=false" / "-b=true"; commander does not. Rewrite
   * those before commander sees them (up to the first operand when options
   * are positional, as for `run IMAGE CMD...`).
   */
  parseOptions(argv: string[]): { operands: string[]; unknown: string[] } {
    const self = this as unknown as { _passThroughOptions: boolean; _enablePositionalOptions: boolean };
    const stopAtOperand = self._passThroughOptions || (self._enablePositionalOptions && this.commands.length > 0);
    const out: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--') {
        out.push(...argv.slice(i));
        break;
      }
      if (!a.startsWith('-') || a === '-') {
        out.push(a);
        if (stopAtOperand) {
          out.push(...argv.slice(i + 1));
          break;
        }
        continue;
      }
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      const opt = this.options.find((o) => o.short === name || o.long === name);
      if (eq > 0 && opt && !opt.required && !opt.optional) {
        const raw = a.slice(eq + 1);
        let on: boolean;
        try {
          on = parseGoBool(raw);
        } catch (err) {
          throw new UsageError(
            `invalid argument "${raw}" for "${displayFlag(opt.flags)}" flag: ${(err as Error).message}\n\n${this.usageLine()}\n\nRun '${this.path()} --help' for more information`,
            125,
          );
        }
        if (opt.negate) on = !on; // --no-trunc=false
        const positive = opt.negate ? this.options.find((o) => o.long === opt.long!.replace(/^--no-/, '--')) : opt;
        const negative = opt.negate ? opt : this.options.find((o) => o.long === opt.long?.replace(/^--/, '--no-'));
        if (on && positive) out.push(positive.long ?? positive.short!);
        else if (!on && negative) out.push(negative.long!);
        else if (on && !positive) {
          /* "--no-x=false" with no --x flag: nothing to set */
        }
        continue;
      }
      out.push(a);
      // does this option consume the next argument?
      if (opt && opt.required && eq < 0) {
        if (i + 1 < argv.length) out.push(argv[++i]);
        else if (a === opt.short) this.flagUsageError(`flag needs an argument: '${a[1]}' in ${a}`);
        else this.flagUsageError(`flag needs an argument: ${a}`);
      } else if (!opt && /^-[^-]/.test(a) && a.length > 2) {
        // a group of short flags: "-it", "-dp" 80:80, "-p80:80"
        for (let j = 1; j < a.length; j++) {
          const o = this.options.find((x) => x.short === `-${a[j]}`);
          if (!o) break;
          if (o.required) {
            if (j === a.length - 1) {
              if (i + 1 < argv.length) out.push(argv[++i]);
              else this.flagUsageError(`flag needs an argument: '${a[j]}' in -${a[j]}`);
            }
            break;
          }
        }
      }
    }
    return super.parseOptions(out);
  }

  // ----- help in docker's layout -------------------------------------------

  helpInformation(): string {
    if (!this.parent) return rootHelp(this);
    if (this.commands.length) return managementHelp(this);
    return leafHelp(this);
  }
}

function flagColumn(o: Option): string {
  const arg = /[<[]([^>\]]+)[>\]]/.exec(o.flags)?.[1]?.replace(/\.\.\.$/, '');
  const long = o.long ?? '';
  const head = o.short ? `  ${o.short}, ${long}` : `      ${long}`;
  return arg ? `${head} ${arg}` : head;
}

function optionsBlock(options: readonly Option[]): string[] {
  const visible = options.filter((o) => !o.hidden);
  if (!visible.length) return [];
  const cols = visible.map(flagColumn);
  const width = Math.max(...cols.map((c) => c.length));
  const indent = ' '.repeat(width + 3);
  return visible.map((o, i) => `${cols[i].padEnd(width)}   ${o.description.split('\n').join(`\n${indent}`)}`);
}

function leafHelp(cmd: BerthCommand): string {
  const lines = [cmd.usageLine(), '', cmd.brief || cmd.description()];
  if (cmd.aliasPaths.length > 1) lines.push('', 'Aliases:', `  ${cmd.aliasPaths.join(', ')}`);
  const opts = optionsBlock(cmd.options);
  if (opts.length) lines.push('', 'Options:', ...opts);
  return `${lines.join('\n')}\n`;
}

function commandList(cmds: readonly Command[]): string[] {
  const width = Math.max(11, ...cmds.map((c) => c.name().length));
  return cmds.map((c) => `  ${c.name().padEnd(width)} ${(c as unknown as BerthCommand).brief || c.description()}`);
}

function managementHelp(cmd: BerthCommand): string {
  const subs = cmd.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden && c.name() !== 'help');
  const lines = [
    `Usage:  ${cmd.path()} COMMAND`,
    '',
    cmd.brief || cmd.description(),
    '',
    'Commands:',
    ...commandList([...subs].sort((a, b) => (a.name() < b.name() ? -1 : 1))),
    '',
    `Run '${cmd.path()} COMMAND --help' for more information on a command.`,
  ];
  return `${lines.join('\n')}\n`;
}

function rootHelp(cmd: BerthCommand): string {
  const subs = cmd.commands.filter((c) => c.name() !== 'help') as unknown as BerthCommand[];
  const section = (title: string, g: BerthCommand['group'], sort: boolean): string[] => {
    let list = subs.filter((c) => c.group === g);
    if (sort) list = [...list].sort((a, b) => (a.name() < b.name() ? -1 : 1));
    return list.length ? ['', `${title}:`, ...commandList(list as unknown as Command[])] : [];
  };
  const lines = [
    `Usage:  ${cmd.path()} [OPTIONS] COMMAND`,
    '',
    cmd.description(),
    ...section('Common Commands', 'common', false),
    ...section('Management Commands', 'management', true),
    ...section('Commands', 'commands', true),
    '',
    'Global Options:',
    ...optionsBlock(cmd.options),
    '',
    `Run '${cmd.path()} COMMAND --help' for more information on a command.`,
  ];
  return `${lines.join('\n')}\n`;
}
