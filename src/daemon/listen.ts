// Unix sockets for the API: refuse to steal a socket another daemon serves,
// clear a stale one, and give it mode 0660 and the berth group.
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { dirname } from 'node:path';
import type http from 'node:http';

function groupId(name: string): number | undefined {
  try {
    const line = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
    return line ? Number(line.split(':')[2]) : undefined;
  } catch {
    return undefined;
  }
}

function inUse(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(path);
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });
}

export async function listenUnix(server: http.Server, path: string, group: string, warn: (m: string) => void): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path)) {
    if (await inUse(path)) throw new Error(`${path} is in use by another daemon`);
    rmSync(path, { force: true });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => (server.off('error', reject), resolve()));
  });
  chmodSync(path, 0o660);
  const gid = groupId(group);
  if (gid === undefined) warn(`group ${group} not found; ${path} stays root:root`);
  else chownSync(path, 0, gid);
}
