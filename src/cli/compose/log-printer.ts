// docker compose's log view: every line of a container's output behind its
// name ("web-1  | "), the names padded to the longest one seen so far so the
// bars line up, each container in a colour of its own on a terminal. Output
// arrives in chunks that may split lines; each container's partial line is
// held back until its end comes, so lines of two containers never mix.
import type { Writable } from 'node:stream';

/** compose's rainbow: the colours in the order it hands them out (normal, then bold). */
const RAINBOW = ['36', '33', '32', '35', '34', '1;36', '1;33', '1;32', '1;35', '1;34'];

export interface LogPrinterOptions {
  color: boolean;
  /** false: --no-log-prefix */
  prefix: boolean;
}

export class LogPrinter {
  private readonly colors = new Map<string, string | undefined>();
  private readonly partial = new Map<string, string>();
  private width = 0;

  constructor(
    private readonly out: Writable,
    private readonly err: Writable,
    private readonly o: LogPrinterOptions,
  ) {}

  /** Known before any output, so the first lines already have the final padding. */
  register(name: string): void {
    if (this.colors.has(name)) return;
    this.colors.set(name, this.o.color ? RAINBOW[this.colors.size % RAINBOW.length] : undefined);
    this.width = Math.max(this.width, name.length + 1);
  }

  private paint(name: string, s: string): string {
    const c = this.colors.get(name);
    return c ? `\x1b[${c}m${s}\x1b[0m` : s;
  }

  /** A chunk of `name`'s stdout or stderr. */
  write(name: string, stream: 'out' | 'err', chunk: string): void {
    this.register(name);
    const key = `${name}\0${stream}`;
    const lines = ((this.partial.get(key) ?? '') + chunk).split('\n');
    this.partial.set(key, lines.pop()!);
    for (const l of lines) this.line(name, stream, l);
  }

  /** The end of `name`'s output: a last line without its newline is printed too. */
  flush(name: string): void {
    for (const stream of ['out', 'err'] as const) {
      const key = `${name}\0${stream}`;
      const rest = this.partial.get(key);
      if (rest) this.line(name, stream, rest);
      this.partial.delete(key);
    }
  }

  /** A line about the container rather than from it ("web-1 exited with code 0"). */
  status(name: string, message: string): void {
    this.register(name);
    this.out.write(`${this.paint(name, `${name} ${message}`)}\n`);
  }

  private line(name: string, stream: 'out' | 'err', text: string): void {
    const prefix = this.o.prefix ? this.paint(name, `${name.padEnd(this.width)} | `) : '';
    (stream === 'err' ? this.err : this.out).write(`${prefix}${text.replace(/\r$/, '')}\n`);
  }
}
