// Errors the client throws. The CLI prints `.message` as docker does.

/** The daemon answered with a non-2xx status; message is the daemon's `{"message"}`. */
export class ClientError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ClientError';
    this.status = status;
  }
  get isNotFound(): boolean {
    return this.status === 404;
  }
  get isConflict(): boolean {
    return this.status === 409;
  }
}

/** No daemon at the address (refused, no socket, permission denied, ...). */
export class ConnectionError extends Error {
  readonly hostURL: string;
  readonly code?: string;
  constructor(hostURL: string, code?: string, detail?: string) {
    super(
      code === 'EACCES' || code === 'EPERM'
        ? `permission denied while trying to connect to the berth daemon socket at ${hostURL}${detail ? `: ${detail}` : ''}`
        : `Cannot connect to the berth daemon at ${hostURL}. Is the berth daemon running?`,
    );
    this.name = 'ConnectionError';
    this.hostURL = hostURL;
    this.code = code;
  }
}

/** An error the daemon reported inside a stream (a progress `error`, a Systemerr frame). */
export class StreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamError';
  }
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'EPERM', 'ENOTSOCK', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND']);

/** True when err is a socket error raised before anything was exchanged with the daemon. */
export function isConnectError(err: unknown): err is NodeJS.ErrnoException {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && CONNECT_CODES.has(code);
}
