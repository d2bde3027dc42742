// Hijacked connections (attach, exec start): the client asks for
// `Connection: Upgrade, Upgrade: tcp`, the daemon answers `101 UPGRADED` and
// from then on the socket is a raw duplex: container output in (multiplexed
// unless the container has a TTY), our stdin out.
import type { Readable, Writable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { ClientError } from './errors';
import type { Transport } from './transport';

export interface HijackedStream {
  /** The container's output (raw with a TTY, else multiplexed). */
  output: Readable;
  /** The container's stdin. */
  input: Writable;
  /** True when the daemon says the output is multiplexed (no TTY). */
  multiplexed: boolean | undefined;
  /** Half-close: tell the daemon stdin is done, keep reading output. */
  closeWrite(): void;
  /** Tear the connection down. */
  close(): void;
}

/** Read a whole error body and turn it into a ClientError. */
export async function errorFromResponse(res: IncomingMessage): Promise<ClientError> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  let message = text;
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (parsed && typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // not JSON: keep the text as docker does
  }
  if (!message) message = `${res.statusCode} ${res.statusMessage ?? ''}`.trim();
  return new ClientError(res.statusCode ?? 0, message);
}

function contentTypeMux(ct: string | string[] | undefined): boolean | undefined {
  const v = Array.isArray(ct) ? ct[0] : ct;
  if (!v) return undefined;
  if (v.includes('multiplexed-stream')) return true;
  if (v.includes('raw-stream')) return false;
  return undefined;
}

/** `body`, when given, is sent as JSON (exec start); else an empty text/plain request (attach). */
export async function hijack(transport: Transport, path: string, signal?: AbortSignal, body?: unknown): Promise<HijackedStream> {
  const up = await transport.upgrade({
    method: 'POST',
    path,
    headers: { 'Content-Type': body === undefined ? 'text/plain' : 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (up.socket) {
    const { socket, head, res } = up;
    if (head && head.length) socket.unshift(head);
    return {
      output: socket,
      input: socket,
      multiplexed: contentTypeMux(res.headers['content-type']),
      closeWrite: () => socket.end(),
      close: () => socket.destroy(),
    };
  }
  const res = up.res;
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) throw await errorFromResponse(res);
  // An old-style daemon that answers 200 and then streams on the same
  // connection: read the response body, write straight to the socket.
  const sock = res.socket;
  return {
    output: res,
    input: sock,
    multiplexed: contentTypeMux(res.headers['content-type']),
    closeWrite: () => sock.end(),
    close: () => sock.destroy(),
  };
}
