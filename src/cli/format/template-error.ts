// The one error class of the template engine. Messages follow Go's wording
// ("template: :1: function \"foo\" not defined", "template: :1:2: executing
// \"\" at <.Foo>: can't evaluate field Foo in type ...") because users and
// scripts compare berth's errors with docker's.

export class TemplateError extends Error {
  override name = 'TemplateError';

  /**
   * Output written before an execution error. Go streams template output, so
   * docker has already printed this much when it fails; the table header
   * relies on it (docker ignores header errors and prints what it got).
   */
  partial?: string;

  constructor(message: string, partial?: string) {
    super(message);
    this.partial = partial;
  }
}

/** A parse error: `template: NAME:LINE: MSG`. */
export function parseError(name: string, line: number, msg: string): TemplateError {
  return new TemplateError(`template: ${name}:${line}: ${msg}`);
}

/** An execution error at a node: `template: NAME:LINE:COL: executing "NAME" at <NODE>: MSG`. */
export function execError(src: string, name: string, pos: number, context: string, msg: string): TemplateError {
  const before = src.slice(0, pos);
  const line = 1 + (before.match(/\n/g)?.length ?? 0);
  const col = Buffer.byteLength(before.slice(before.lastIndexOf('\n') + 1)); // Go counts bytes
  return new TemplateError(`template: ${name}:${line}:${col}: executing "${name}" at <${context}>: ${msg}`);
}
