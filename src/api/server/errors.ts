// The one place where error kinds become HTTP statuses (moby's errdefs → httpstatus).
import { BerthError, type ErrorKind } from '../../errdefs';

const STATUS: Record<ErrorKind, number> = {
  InvalidArgument: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  NotModified: 304,
  Unavailable: 503,
  NotImplemented: 501,
  System: 500,
};

export function statusOf(err: unknown): number {
  if (err instanceof BerthError) return STATUS[err.kind];
  return 500;
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
