// The page's only way to the daemon: the Engine API under /api/, with the
// session's CSRF token (from the page's <meta>) on every request. Streams
// (events, stats, pull progress) come as JSON lines read off fetch's body.
const token = document.querySelector<HTMLMetaElement>('meta[name="berth-token"]')?.content ?? '';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** A Blob body (a build context) goes as it is, as a tar; anything else as JSON. */
export async function call(method: string, path: string, body?: unknown, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<Response> {
  const raw = body instanceof Blob;
  const res = await fetch(`/api${path}`, {
    method,
    headers: { ...headers, 'X-Berth-Token': token, ...(body === undefined ? {} : { 'Content-Type': raw ? 'application/x-tar' : 'application/json' }) },
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    signal,
  });
  if (!res.ok) {
    const text = await res.text();
    let message = text;
    try {
      message = JSON.parse(text).message ?? text;
    } catch {
      /* not JSON: keep the text */
    }
    throw new ApiError(res.status, message || `${res.status} ${res.statusText}`);
  }
  return res;
}

export async function getJSON<T>(path: string): Promise<T> {
  return (await call('GET', path)).json() as Promise<T>;
}

export async function post(path: string, body?: unknown): Promise<unknown> {
  const res = await call('POST', path, body);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

export const del = (path: string) => call('DELETE', path);

/** Calls `each` with every JSON value of a JSON-lines stream until it ends or `signal` aborts. */
export async function jsonLines<T>(method: string, path: string, each: (v: T) => void, signal: AbortSignal, body?: unknown, headers?: Record<string, string>): Promise<void> {
  const res = await call(method, path, body, signal, headers);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line) each(JSON.parse(line) as T);
    }
  }
}

/** The raw bytes of a streamed body (logs), chunk by chunk. */
export async function byteStream(path: string, each: (chunk: Uint8Array) => void, signal: AbortSignal): Promise<void> {
  const res = await call('GET', path, undefined, signal);
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    each(value);
  }
}

/** A websocket to an API path; browsers cannot set headers on it, so the token rides in the query. */
export function socketTo(path: string): WebSocket {
  const sep = path.includes('?') ? '&' : '?';
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api${path}${sep}berth-token=${encodeURIComponent(token)}`);
  ws.binaryType = 'arraybuffer';
  return ws;
}
