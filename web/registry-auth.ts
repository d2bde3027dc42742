// X-Registry-Auth as the docker CLI sends it with pull and push:
// base64url(JSON AuthConfig). The page keeps what is typed only in memory,
// for the one request; nothing is stored in the browser.

export interface Credentials {
  username: string;
  password: string;
}

/** The header for these credentials at `server` (a registry host); none when no user name is given. */
export function registryAuthHeader(c: Credentials, server: string): Record<string, string> {
  if (!c.username) return {};
  const json = JSON.stringify({ username: c.username, password: c.password, serveraddress: server });
  const bin = Array.from(new TextEncoder().encode(json), (b) => String.fromCharCode(b)).join('');
  return { 'X-Registry-Auth': btoa(bin).replace(/\+/g, '-').replace(/\//g, '_') };
}

/** The registry host of a reference: its first component when that looks like a host (a '.', a ':' or localhost), else Docker Hub. */
export function registryOf(ref: string): string {
  const first = ref.split('/')[0];
  return ref.includes('/') && (/[.:]/.test(first) || first === 'localhost') ? first : 'docker.io';
}
