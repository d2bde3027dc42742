// Talking to one registry with credentials: picks the endpoint (HTTPS, then
// HTTP for insecure and loopback registries), answers WWW-Authenticate
// challenges — Basic with the user's password, Bearer by fetching a token
// for the request's scopes from the realm the registry names (Docker's token
// auth spec) — and caches what it learned for the rest of the operation.
//
// Requests with a streamed body cannot be replayed after a 401, so callers
// make a body-less request for the same scopes first (a HEAD or the upload
// POST); from then on the session sends credentials up front.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { BerthError, unauthorized } from '../errdefs';
import { parseChallenges, type Challenge } from './challenge';
import { responseError } from './errors';
import type { Endpoint, RegistryHosts } from './hosts';
import { readBody, send } from './http';
import type { AuthConfig } from './types';

export interface SessionOptions {
  hosts: RegistryHosts;
  /** Registry as named in references: localhost:5000, docker.io. */
  host: string;
  auth?: AuthConfig;
  /** ms a registry may stay silent before the request fails. */
  idleTimeout?: number;
}

export interface SessionRequest {
  method: string;
  /** A path below the endpoint (/v2/…) or an absolute URL the registry gave (upload Location). */
  path: string;
  /** Token scopes: repository:NAME:pull,push, registry:catalog:* */
  scopes?: string[];
  headers?: Record<string, string>;
  body?: Buffer | Readable;
  followRedirects?: boolean;
}

interface Token {
  token: string;
  expires: number;
}

export class RegistrySession {
  private endpoint?: Endpoint;
  private challenge?: Challenge;
  private readonly tokens = new Map<string, Token>();
  private readonly creds: { username: string; password: string } | undefined;

  constructor(private readonly opts: SessionOptions) {
    this.creds = credentialsOf(opts.auth);
  }

  get host(): string {
    return this.opts.host;
  }

  /** The chosen endpoint's base URL (after the first request). */
  get base(): string | undefined {
    return this.endpoint?.base;
  }

  /** Sends the request, authenticating as the registry asks; any status is returned to the caller. */
  async request(r: SessionRequest): Promise<IncomingMessage> {
    const scopes = r.scopes ?? [];
    let res = await this.sendOnce(r, await this.authorization(scopes));
    const replayable = r.body === undefined || Buffer.isBuffer(r.body);
    if (res.statusCode === 401 && replayable) {
      const ch = pickChallenge(parseChallenges(res.headers['www-authenticate']));
      if (ch && (ch.scheme === 'bearer' || this.creds)) {
        res.resume();
        this.challenge = ch;
        res = await this.sendOnce(r, await this.authorization(scopes, true));
      }
    }
    return res;
  }

  /** `request` that throws the registry's error unless the status is one of `ok`. */
  async expect(r: SessionRequest, ok: number[], what: string): Promise<IncomingMessage> {
    const res = await this.request(r);
    if (!ok.includes(res.statusCode ?? 0)) throw await responseError(res, what);
    return res;
  }

  /**
   * Docker's login check: GET /v2/ with the credentials. Basic registries
   * must accept them; token registries must hand out a token for them.
   */
  async login(): Promise<void> {
    const res = await this.sendOnce({ method: 'GET', path: '/v2/' }, undefined);
    res.resume();
    if (res.statusCode === 200) return;
    const ch = pickChallenge(parseChallenges(res.headers['www-authenticate']));
    if (res.statusCode !== 401 || !ch) throw await responseError(res, `${this.base}/v2/`);
    this.challenge = ch;
    if (ch.scheme === 'bearer') {
      await this.fetchToken([]);
      return;
    }
    const again = await this.sendOnce({ method: 'GET', path: '/v2/' }, await this.authorization([]));
    again.resume();
    if (again.statusCode !== 200) {
      throw unauthorized(`login attempt to ${this.base}/v2/ failed with status: ${again.statusCode} ${again.statusMessage ?? ''}`.trim());
    }
  }

  private async sendOnce(r: SessionRequest, authz: string | undefined): Promise<IncomingMessage> {
    const headers: Record<string, string> = { 'User-Agent': 'berth/0.1 (docker-compatible)', ...r.headers };
    if (authz) headers.Authorization = authz;
    if (this.endpoint) return send(this.http(this.endpoint, r, headers));
    const eps = await this.opts.hosts(this.opts.host);
    let lastErr: unknown;
    for (const [i, ep] of eps.entries()) {
      const last = i === eps.length - 1;
      try {
        // A plain-HTTP server may never answer a TLS hello: probe with a short timeout when there is a fallback.
        const req = this.http(ep, r, headers);
        if (!last) req.idleTimeout = Math.min(this.opts.idleTimeout ?? 60_000, 5_000);
        const res = await send(req);
        this.endpoint = ep;
        return res;
      } catch (err) {
        // Connection-level failure (refused, TLS, plain HTTP on the TLS port, silence): try the next endpoint.
        if (last || (r.body !== undefined && !Buffer.isBuffer(r.body))) {
          if (err instanceof BerthError) throw err;
          lastErr = err;
          break;
        }
        lastErr = err;
      }
    }
    const e = lastErr as Error;
    throw new BerthError('Unavailable', `Get "${eps[0]?.base}/v2/": ${e?.message ?? 'no endpoint'}`);
  }

  private http(ep: Endpoint, r: SessionRequest, headers: Record<string, string>) {
    return {
      method: r.method,
      url: new URL(r.path, ep.base),
      headers,
      body: r.body,
      tls: ep.tls,
      idleTimeout: this.opts.idleTimeout,
      followRedirects: r.followRedirects,
    };
  }

  private async authorization(scopes: string[], fresh = false): Promise<string | undefined> {
    if (this.opts.auth?.registrytoken) return `Bearer ${this.opts.auth.registrytoken}`;
    const ch = this.challenge;
    if (!ch) return undefined;
    if (ch.scheme === 'basic') {
      return this.creds ? `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64')}` : undefined;
    }
    if (ch.scheme !== 'bearer') return undefined;
    const key = [...scopes].sort().join(' ');
    const cached = this.tokens.get(key);
    if (cached && !fresh && cached.expires > Date.now()) return `Bearer ${cached.token}`;
    return `Bearer ${await this.fetchToken(scopes)}`;
  }

  /** GET <realm>?service=…&scope=… (POST with a refresh token), per the token auth spec. */
  private async fetchToken(scopes: string[]): Promise<string> {
    const ch = this.challenge!;
    const realm = ch.params.realm;
    if (!realm) throw unauthorized('the registry asked for a bearer token without naming a realm');
    const url = new URL(realm);
    const service = ch.params.service;
    const headers: Record<string, string> = { 'User-Agent': 'berth/0.1 (docker-compatible)' };
    let res: IncomingMessage;
    const tls = url.host === new URL(this.endpoint!.base).host ? this.endpoint!.tls : undefined;
    const allScopes = scopes.length ? scopes : ch.params.scope ? [ch.params.scope] : [];
    if (this.opts.auth?.identitytoken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.opts.auth.identitytoken, client_id: 'berth' });
      if (service) form.set('service', service);
      if (allScopes.length) form.set('scope', allScopes.join(' '));
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      res = await send({ method: 'POST', url, headers, body: Buffer.from(form.toString()), tls, idleTimeout: this.opts.idleTimeout });
    } else {
      if (service) url.searchParams.set('service', service);
      for (const s of allScopes) url.searchParams.append('scope', s);
      if (this.creds) {
        url.searchParams.set('account', this.creds.username);
        headers.Authorization = `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64')}`;
      }
      res = await send({ method: 'GET', url, headers, tls, idleTimeout: this.opts.idleTimeout });
    }
    if (res.statusCode !== 200) {
      const err = await responseError(res, `${url.origin}${url.pathname}`);
      throw new BerthError(res.statusCode === 401 || res.statusCode === 403 ? 'Unauthorized' : err.kind, `Get "${url.origin}${url.pathname}": ${err.message}`);
    }
    const body = JSON.parse((await readBody(res, 1 << 20)).toString('utf8')) as { token?: string; access_token?: string; expires_in?: number };
    const token = body.token || body.access_token;
    if (!token) throw unauthorized(`the token server at ${url.origin}${url.pathname} returned no token`);
    // The spec's minimum lifetime is 60 s; renew a little early.
    const ttl = Math.max(body.expires_in ?? 60, 60) * 1000 - 10_000;
    this.tokens.set([...scopes].sort().join(' '), { token, expires: Date.now() + ttl });
    return token;
  }
}

function pickChallenge(chs: Challenge[]): Challenge | undefined {
  return chs.find((c) => c.scheme === 'bearer') ?? chs.find((c) => c.scheme === 'basic');
}

function credentialsOf(a: AuthConfig | undefined): { username: string; password: string } | undefined {
  if (!a) return undefined;
  if (a.username) return { username: a.username, password: a.password ?? '' };
  if (a.auth) {
    const dec = Buffer.from(a.auth, 'base64').toString('utf8');
    const i = dec.indexOf(':');
    if (i > 0) return { username: dec.slice(0, i), password: dec.slice(i + 1) };
  }
  return undefined;
}

export const pullScope = (repo: string): string => `repository:${repo}:pull`;
export const pushScope = (repo: string): string => `repository:${repo}:pull,push`;
