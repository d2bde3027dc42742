// One HTTP(S) exchange with a registry on node's http/https, keep-alive
// agents per endpoint and TLS settings (so certs.d applies per registry), an
// idle timeout so a registry that stops answering mid-body fails the
// operation instead of hanging it, and redirects followed (blob GETs are
// often redirected to storage) without carrying credentials elsewhere.
import * as http from 'node:http';
import type * as Https from 'node:https';
import type { Readable } from 'node:stream';
import { unavailable } from '../errdefs';
import type { TlsSettings } from './hosts';

export interface HttpRequest {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  /** A Buffer, or a stream sent as it comes (set Content-Length yourself). */
  body?: Buffer | Readable;
  tls?: TlsSettings;
  /** ms without any byte moving before the exchange fails; default 60 s. */
  idleTimeout?: number;
  followRedirects?: boolean;
}

const agents = new Map<string, http.Agent>();

// node:https (and with it node:tls) is loaded on the first https registry:
// an idle berthd that has not pulled does not carry it (≈3 MiB).
const https = (): typeof Https => require('node:https') as typeof Https;

function agentFor(url: URL, tls?: TlsSettings): http.Agent {
  const key = `${url.protocol}//${url.host}|${tls ? JSON.stringify([tls.rejectUnauthorized, tls.cert ?? '', tls.ca?.length ?? 0, tls.ca?.at(-1) ?? '']) : ''}`;
  let a = agents.get(key);
  if (!a) {
    a =
      url.protocol === 'https:'
        ? new (https().Agent)({ keepAlive: true, maxSockets: 16, ca: tls?.ca, cert: tls?.cert, key: tls?.key, rejectUnauthorized: tls?.rejectUnauthorized ?? true })
        : new http.Agent({ keepAlive: true, maxSockets: 16 });
    agents.set(key, a);
  }
  return a;
}

/** Sends the request; resolves with the response once its head arrived (the body is left to the caller). */
export function send(req: HttpRequest, redirects = 0): Promise<http.IncomingMessage> {
  const idle = req.idleTimeout ?? 60_000;
  return new Promise((resolve, reject) => {
    const mod = req.url.protocol === 'https:' ? https() : http;
    const r = mod.request(req.url, { method: req.method, headers: req.headers, agent: agentFor(req.url, req.tls) }, (res) => {
      const loc = res.headers.location;
      if (req.followRedirects !== false && loc && [301, 302, 303, 307, 308].includes(res.statusCode ?? 0) && (req.method === 'GET' || req.method === 'HEAD')) {
        res.resume();
        if (redirects >= 10) return reject(unavailable(`${req.method} ${req.url.origin}${req.url.pathname}: stopped after 10 redirects`));
        const next = new URL(loc, req.url);
        const headers = { ...req.headers };
        // Credentials are for the registry, not for wherever it redirects to.
        if (next.host !== req.url.host) delete headers.Authorization;
        send({ ...req, url: next, headers, tls: next.host === req.url.host ? req.tls : undefined }, redirects + 1).then(resolve, reject);
        return;
      }
      // Keep the idle timeout while the caller reads the body; the socket is
      // reused (keep-alive), so the listener goes when the body is done.
      const sock = res.socket;
      const onIdle = (): void => void res.destroy(timeoutError(req));
      sock.setTimeout(idle);
      sock.on('timeout', onIdle);
      const done = (): void => {
        sock.off('timeout', onIdle);
        sock.setTimeout(0);
      };
      res.once('end', done);
      res.once('close', done);
      resolve(res);
    });
    r.setTimeout(idle, () => r.destroy(timeoutError(req)));
    r.on('error', reject);
    const body = req.body;
    if (body === undefined) r.end();
    else if (Buffer.isBuffer(body)) r.end(body);
    else {
      body.on('error', (err) => r.destroy(err));
      body.pipe(r);
    }
  });
}

function timeoutError(req: HttpRequest): Error {
  return unavailable(`${req.method} ${req.url.origin}${req.url.pathname}: the registry stopped answering (no data for ${Math.round((req.idleTimeout ?? 60_000) / 1000)}s)`);
}

/** Reads a (small) response body whole. */
export async function readBody(res: Readable, limit = 16 << 20): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of res) {
    n += (c as Buffer).length;
    if (n > limit) {
      res.destroy();
      throw unavailable(`response larger than ${limit} bytes`);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
