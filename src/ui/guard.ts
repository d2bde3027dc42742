// The checks every dashboard request passes before anything else: the Host it
// names is ours (a DNS-rebinding page names its own), the Origin and
// Sec-Fetch-Site a browser adds say the request comes from our own page, and
// every answer carries the headers that forbid framing and sniffing.
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * No framing (clickjacking), scripts and styles only from our own files, no
 * connections but to ourselves. Styles may be inline: xterm.js writes <style>
 * elements for its theme and sizes (the browser test sees the CSP complain
 * without it); inline scripts stay forbidden, which is what matters for XSS.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

export interface OriginPolicy {
  /** host:port spellings that name this listener, e.g. 127.0.0.1:8080 and localhost:8080. */
  hosts: string[];
  scheme: 'http' | 'https';
}

/**
 * Why a request is not from our own page, or '' when it is. `navigation`
 * allows what a person typing the URL sends (Sec-Fetch-Site: none, no Origin);
 * API calls must be same-origin.
 */
export function foreignReason(req: IncomingMessage, policy: OriginPolicy, navigation: boolean): string {
  const host = String(req.headers.host ?? '').toLowerCase();
  if (!policy.hosts.includes(host)) return `the Host header ${JSON.stringify(host)} is not this dashboard`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `${policy.scheme}://${host}`) return `requests from ${origin} are not allowed`;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && !(navigation && site === 'none')) return `cross-site request (${site})`;
  return '';
}

/** The hosts a listener answers to: its own address, plus localhost when it is loopback. */
export function listenerHosts(host: string, port: number): string[] {
  const h = host.includes(':') ? `[${host}]` : host;
  const out = [`${h}:${port}`.toLowerCase()];
  if (isLoopback(host)) out.push(`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`);
  return [...new Set(out)];
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
