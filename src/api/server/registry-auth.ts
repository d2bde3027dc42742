// X-Registry-Auth: base64url(JSON AuthConfig), as the docker CLI sends it
// with pull and push. An absent, empty or undecodable header means
// anonymous access (dockerd ignores a bad header the same way); the decoded
// credentials go to the registry client and nowhere else.
import type { AuthConfig } from '../../registry';

export function decodeRegistryAuth(header: string | string[] | undefined): AuthConfig | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (!v) return undefined;
  try {
    const json = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const parsed = JSON.parse(json) as Record<string, unknown>;
    if (!parsed || typeof parsed !== 'object') return undefined;
    const str = (k: string): string | undefined => (typeof parsed[k] === 'string' && parsed[k] ? (parsed[k] as string) : undefined);
    const a: AuthConfig = {
      username: str('username'),
      password: str('password'),
      auth: str('auth'),
      serveraddress: str('serveraddress'),
      identitytoken: str('identitytoken'),
      registrytoken: str('registrytoken'),
    };
    return Object.values(a).some((x) => x !== undefined) ? a : undefined;
  } catch {
    return undefined;
  }
}
