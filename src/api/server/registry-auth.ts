// X-Registry-Auth: base64url(JSON AuthConfig), as the docker CLI sends it
// with pull and push. An absent, empty or undecodable header means
// anonymous access (dockerd ignores a bad header the same way); the decoded
// credentials go to the registry client and nowhere else.
import type { AuthConfig } from '../../registry';

export function decodeRegistryAuth(header: string | string[] | undefined): AuthConfig | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (!v) return undefined;
  try {
    return authConfigOf(JSON.parse(Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')));
  } catch {
    return undefined;
  }
}

/**
 * X-Registry-Config (POST /build): base64url(JSON {registry: AuthConfig}),
 * every credential of the client's config, for the pulls of FROM lines.
 */
export function decodeRegistryConfig(header: string | string[] | undefined): Record<string, AuthConfig> {
  const v = Array.isArray(header) ? header[0] : header;
  const out: Record<string, AuthConfig> = {};
  if (!v) return out;
  try {
    const parsed = JSON.parse(Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')) as Record<string, unknown>;
    for (const [host, a] of Object.entries(parsed ?? {})) {
      const auth = authConfigOf(a);
      if (auth) out[host] = auth;
    }
  } catch {
    /* anonymous, as dockerd treats a bad header */
  }
  return out;
}

function authConfigOf(parsed: unknown): AuthConfig | undefined {
  {
    if (!parsed || typeof parsed !== 'object') return undefined;
    const p = parsed as Record<string, unknown>;
    const str = (k: string): string | undefined => (typeof p[k] === 'string' && p[k] ? (p[k] as string) : undefined);
    const a: AuthConfig = {
      username: str('username'),
      password: str('password'),
      auth: str('auth'),
      serveraddress: str('serveraddress'),
      identitytoken: str('identitytoken'),
      registrytoken: str('registrytoken'),
    };
    return Object.values(a).some((x) => x !== undefined) ? a : undefined;
  }
}
