// CLI error kinds and how they print, following the docker CLI: flag errors
// exit 125, argument-count errors 1, daemon errors "Error response from
// daemon: <message>" with 1 (run/create: 125 and a "berth: " prefix).

/** Exit with `code`, printing `message` (if any) to stderr. */
export class StatusError extends Error {
  readonly code: number;
  constructor(code: number, message = '') {
    super(message);
    this.name = 'StatusError';
    this.code = code;
  }
}

/** A bad flag or flag value: printed with the usage line, exit 125. */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

/** Wrong number of arguments, unknown command, ...: printed with usage, exit 1. */
export class UsageError extends Error {
  readonly code: number;
  constructor(message: string, code = 1) {
    super(message);
    this.name = 'UsageError';
    this.code = code;
  }
}

interface MaybeClientError {
  name?: string;
  status?: number;
  message: string;
}

/** True for an error the daemon answered (the client's ClientError). */
export function isDaemonError(err: unknown): err is MaybeClientError & { status: number } {
  return err instanceof Error && err.name === 'ClientError' && typeof (err as MaybeClientError).status === 'number';
}

export function isNotFound(err: unknown): boolean {
  return isDaemonError(err) && err.status === 404;
}

/** The text docker prints for an error: daemon errors get their prefix. */
export function errorText(err: unknown): string {
  if (isDaemonError(err)) return `Error response from daemon: ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** docker's withHelp(): "berth: <err>\n\nRun 'berth run --help' for more information" */
export function withHelp(err: unknown, command: string): string {
  return `berth: ${errorText(err)}\n\nRun 'berth ${command} --help' for more information`;
}

/**
 * docker's toStatusError() for run: 127 when the command was not found,
 * 126 when it could not be executed, 125 for everything else.
 */
export function toRunStatusError(err: unknown, command = 'run'): StatusError {
  const msg = errorText(err);
  let code = 125;
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(msg)) code = 127;
  else if (/permission denied|is a directory/.test(msg)) code = 126;
  return new StatusError(code, withHelp(err, command));
}
