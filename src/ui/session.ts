// Who may use the dashboard. The daemon makes one login secret per run
// (berthd writes the login URL to a file only root and the berth group can
// read, the same people the API socket lets in). Following that URL starts a
// browser session: an HttpOnly, SameSite=Strict cookie names it, and a CSRF
// token that belongs to it is written into the page itself, so only a page of
// our own origin can read it and put it on its requests.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface Session {
  id: string;
  /** Sent back by the page as the X-Berth-Token header (or ?berth-token= on websockets). */
  csrf: string;
  lastUsed: number;
}

/** Idle sessions end: a forgotten tab should not stay logged in for weeks. */
const IDLE_MS = 12 * 3600_000;
/** A bound on memory whatever a client does: the oldest session goes first. */
const MAX_SESSIONS = 64;

export const secureEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export class Sessions {
  readonly loginSecret = randomBytes(24).toString('base64url');
  private readonly byId = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new session when `secret` is the login secret, undefined otherwise. */
  login(secret: string): Session | undefined {
    if (!secureEqual(secret, this.loginSecret)) return undefined;
    if (this.byId.size >= MAX_SESSIONS) this.byId.delete(this.byId.keys().next().value as string);
    const s = { id: randomBytes(24).toString('base64url'), csrf: randomBytes(24).toString('base64url'), lastUsed: this.now() };
    this.byId.set(s.id, s);
    return s;
  }

  /** The live session a cookie value names, refreshed; undefined when unknown or idle too long. */
  find(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    if (!s) return undefined;
    if (this.now() - s.lastUsed > IDLE_MS) {
      this.byId.delete(id);
      return undefined;
    }
    s.lastUsed = this.now();
    return s;
  }
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
