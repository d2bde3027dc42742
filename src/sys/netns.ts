// Persistent network namespaces: a file bind-mounted onto a new namespace,
// so the namespace outlives berthd (containers keep running under conmon
// while berthd restarts) and runc joins it by path. util-linux `unshare
// --net=FILE` makes and binds it in one process, which also brings lo up
// (runc only configures lo for namespaces it creates itself); the compiled
// helper (native.ts) does the same on a worker thread without a process.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from '../util/exec';
import type { IdMapping, IdRange } from '../util/idmap';
import { mountAll, unmountAll } from './mount';
import { nativeSys } from './native';

export async function createNetns(path: string, userns?: { path: string; mapping: IdMapping }): Promise<void> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o711 });
  closeSync(openSync(path, 'w', 0o444));
  try {
    const sys = nativeSys();
    if (userns) await createOwnedNetns(path, userns.path, userns.mapping);
    else if (sys) await sys.makeNetns(path);
    else await run('unshare', [`--net=${path}`, 'ip', 'link', 'set', 'lo', 'up']);
  } catch (err) {
    await removeNetns(path).catch(() => {});
    if (userns) await removeNetns(userns.path).catch(() => {});
    throw err;
  }
}

/**
 * berthd --userns-remap: the network namespace is made inside a new user
 * namespace with the containers' mapping, and both are bound to files; runc
 * joins the two. So the container's root owns its network namespace as it
 * would one runc had made (it may mount sysfs, bind ports below 1024, use
 * raw sockets, set net.* sysctls), while CNI, running as host root, can
 * still plumb it. util-linux unshare maps ranges only through newuidmap,
 * which wants /etc/subuid entries for root: the maps are written here, as
 * host root may, while a placeholder process holds the namespaces.
 */
async function createOwnedNetns(netPath: string, userPath: string, mapping: IdMapping): Promise<void> {
  mkdirSync(dirname(userPath), { recursive: true, mode: 0o711 });
  closeSync(openSync(userPath, 'w', 0o444));
  // The placeholder dies with berthd (parent-death signal, kept across the
  // execs) and on its own after a while, so a berthd killed right here leaks nothing.
  const holder = spawn('setpriv', ['--pdeathsig', 'KILL', '--', 'unshare', '--user', '--net', '--', 'sleep', '120'], { stdio: 'ignore' });
  // 'exit' may never come after a spawn 'error' (unshare missing): either ends the wait.
  const exited = new Promise<void>((resolve) => {
    holder.once('exit', () => resolve());
    holder.once('error', () => resolve());
  });
  try {
    const pid = holder.pid;
    if (!pid) throw new Error('setpriv/unshare could not be started');
    const own = readlinkSync('/proc/self/ns/user');
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (holder.exitCode !== null || holder.signalCode !== null) throw new Error(`unshare --user --net exited (${holder.exitCode ?? holder.signalCode})`);
      const ns = (() => {
        try {
          return readlinkSync(`/proc/${pid}/ns/user`);
        } catch {
          return own;
        }
      })();
      if (ns !== own) break;
      if (Date.now() > deadline) throw new Error('unshare did not make a user namespace in time');
      await new Promise((r) => setTimeout(r, 5));
    }
    const line = (ranges: IdRange[]) => ranges.map((r) => `${r.containerID} ${r.hostID} ${r.size}`).join('\n') + '\n';
    writeFileSync(`/proc/${pid}/uid_map`, line(mapping.uids));
    writeFileSync(`/proc/${pid}/gid_map`, line(mapping.gids));
    await mountAll([{ type: 'bind', source: `/proc/${pid}/ns/user`, options: [] }], userPath);
    await mountAll([{ type: 'bind', source: `/proc/${pid}/ns/net`, options: [] }], netPath);
  } finally {
    holder.kill('SIGKILL');
    await exited;
  }
  // runc brings lo up only in namespaces it makes itself.
  await run('nsenter', [`--net=${netPath}`, 'ip', 'link', 'set', 'lo', 'up']);
}

/** Unbinds and deletes the file (a user namespace's too); the kernel frees the namespace (and its veths) when nothing else holds it. */
export async function removeNetns(path: string): Promise<void> {
  if (!existsSync(path)) return;
  await unmountAll(path);
  rmSync(path, { force: true });
}

export function listNetns(dir: string): string[] {
  try {
    return readdirSync(dir).map((n) => join(dir, n));
  } catch {
    return [];
  }
}
