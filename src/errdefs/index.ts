// One error base class with a kind; the API server maps kinds to HTTP statuses
// in exactly one place (api/server/errors.ts). Lower layers never know HTTP.

export type ErrorKind =
  | 'InvalidArgument' // 400
  | 'Unauthorized' // 401
  | 'Forbidden' // 403
  | 'NotFound' // 404
  | 'Conflict' // 409
  | 'NotModified' // 304
  | 'Unavailable' // 503
  | 'NotImplemented' // 501
  | 'System'; // 500

export class BerthError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = kind;
  }
}

export const invalidArgument = (msg: string): BerthError => new BerthError('InvalidArgument', msg);
export const notFound = (msg: string): BerthError => new BerthError('NotFound', msg);
export const conflict = (msg: string): BerthError => new BerthError('Conflict', msg);
export const notModified = (msg: string): BerthError => new BerthError('NotModified', msg);
export const unauthorized = (msg: string): BerthError => new BerthError('Unauthorized', msg);
export const forbidden = (msg: string): BerthError => new BerthError('Forbidden', msg);
export const unavailable = (msg: string): BerthError => new BerthError('Unavailable', msg);
export const notImplemented = (msg: string): BerthError => new BerthError('NotImplemented', msg);
export const system = (msg: string, cause?: unknown): BerthError => new BerthError('System', msg, { cause });

export function isKind(err: unknown, kind: ErrorKind): boolean {
  return err instanceof BerthError && err.kind === kind;
}
