// Registry credentials kept like the docker CLI keeps them: config.json in
// $DOCKER_CONFIG or ~/.docker, `auths` keyed by registry (Docker Hub as
// https://index.docker.io/v1/), each with a base64 "user:password" `auth`.
// Other keys of the file are preserved; the file is written temp+rename with
// mode 0600. Credentials are sent to the daemon in X-Registry-Auth and never
// printed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Cli } from './context';

export const INDEX_SERVER = 'https://index.docker.io/v1/';

export interface StoredAuth {
  username: string;
  password: string;
  identitytoken?: string;
}

interface ConfigJson {
  auths?: Record<string, { auth?: string; identitytoken?: string; email?: string }>;
  [k: string]: unknown;
}

export function configPath(cli: Cli): string {
  return path.join(cli.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker'), 'config.json');
}

function readConfig(file: string): ConfigJson {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  try {
    return text.trim() ? (JSON.parse(text) as ConfigJson) : {};
  } catch (err) {
    throw new Error(`loading config file: ${file}: ${(err as Error).message}`);
  }
}

function writeConfig(file: string, cfg: ConfigJson): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(cfg, null, '\t'));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** The config.json key for a registry: Docker Hub's legacy URL, else host[:port]. */
export function serverKey(host: string): string {
  const h = host.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  return h === 'docker.io' || h === 'index.docker.io' || h === 'registry-1.docker.io' ? INDEX_SERVER : h;
}

export function getAuth(cli: Cli, host: string): StoredAuth | undefined {
  const cfg = readConfig(configPath(cli));
  const key = serverKey(host);
  const entry = cfg.auths?.[key] ?? cfg.auths?.[`https://${key}`] ?? cfg.auths?.[`http://${key}`];
  if (!entry) return undefined;
  const dec = entry.auth ? Buffer.from(entry.auth, 'base64').toString('utf8') : '';
  const i = dec.indexOf(':');
  return { username: i >= 0 ? dec.slice(0, i) : '', password: i >= 0 ? dec.slice(i + 1) : '', identitytoken: entry.identitytoken || undefined };
}

export function storeAuth(cli: Cli, host: string, a: StoredAuth): string {
  const file = configPath(cli);
  const cfg = readConfig(file);
  cfg.auths ??= {};
  const entry: { auth: string; identitytoken?: string } = { auth: Buffer.from(`${a.username}:${a.password}`).toString('base64') };
  if (a.identitytoken) entry.identitytoken = a.identitytoken;
  cfg.auths[serverKey(host)] = entry;
  writeConfig(file, cfg);
  return file;
}

/** Removes the registry's entry; false when there was none. */
export function eraseAuth(cli: Cli, host: string): boolean {
  const file = configPath(cli);
  const cfg = readConfig(file);
  const key = serverKey(host);
  if (!cfg.auths?.[key]) return false;
  delete cfg.auths[key];
  writeConfig(file, cfg);
  return true;
}

/** X-Registry-Auth for `host`: base64url JSON of the stored credentials, or {} when none. */
export function registryAuthHeader(cli: Cli, host: string): string {
  const a = getAuth(cli, host);
  if (!a) return 'e30=';
  const body: Record<string, string> = { username: a.username, password: a.password, serveraddress: serverKey(host) };
  if (a.identitytoken) body.identitytoken = a.identitytoken;
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}
