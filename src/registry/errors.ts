// Registry answers that are errors, turned into berth errors with
// distribution's wording ("manifest unknown: manifest unknown") and a kind
// the API maps to Docker's status. Response bodies may echo a request, never
// the Authorization header, so they are safe to show.
import type { IncomingMessage } from 'node:http';
import { BerthError, type ErrorKind } from '../errdefs';
import { readBody } from './http';

interface RegistryErrorBody {
  errors?: { code?: string; message?: string; detail?: unknown }[];
}

export class RegistryError extends BerthError {
  constructor(
    kind: ErrorKind,
    message: string,
    readonly status: number,
    readonly codes: string[],
  ) {
    super(kind, message);
  }
}

const KIND: Record<number, ErrorKind> = { 400: 'InvalidArgument', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 405: 'NotImplemented' };

/** distribution's errcode.Error text: "<code as words>: <message>", errors joined like errcode.Errors. */
export function formatErrors(body: RegistryErrorBody): string | undefined {
  const errs = body.errors ?? [];
  if (!errs.length) return undefined;
  const one = (e: { code?: string; message?: string }): string => {
    const code = (e.code ?? 'unknown').toLowerCase().replace(/_/g, ' ');
    return e.message ? `${code}: ${e.message}` : code;
  };
  if (errs.length === 1) return one(errs[0]);
  return `errors:\n${errs.map(one).join('\n')}\n`;
}

/** Reads the error body of `res` and returns the error to throw. */
export async function responseError(res: IncomingMessage, what: string): Promise<RegistryError> {
  const status = res.statusCode ?? 0;
  let text = '';
  try {
    text = (await readBody(res, 64 << 10)).toString('utf8');
  } catch {
    /* too long or cut: use the status */
  }
  let parsed: RegistryErrorBody = {};
  try {
    parsed = JSON.parse(text) as RegistryErrorBody;
  } catch {
    /* not JSON */
  }
  const msg = formatErrors(parsed) ?? (status === 401 ? 'unauthorized: authentication required' : `unexpected status from ${what}: ${status} ${res.statusMessage ?? ''}`.trim());
  const kind: ErrorKind = KIND[status] ?? (status >= 500 ? 'Unavailable' : 'System');
  return new RegistryError(kind, msg, status, (parsed.errors ?? []).map((e) => e.code ?? ''));
}
