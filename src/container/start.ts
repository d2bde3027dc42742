// POST /containers/{id}/start: mount the rootfs, write the bundle, have
// conmon run `runc create` while CNI makes the endpoints, connect any attach
// that is waiting, then `runc start`. On any failure everything is unwound
// and the error recorded.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { conflict, notModified } from '../errdefs';
import { buildSpec } from '../runtime/spec';
import { attachSocketPath, conmonCreate } from '../runtime/conmon';
import type { ContainerDeps } from './deps';
import { writeEtcFiles } from './etcfiles';
import { withContainerLock } from './lock';
import { bundleDir, containerDir, rootfsDir } from './paths';
import { findContainer } from './resolve';
import { specInput } from './spec-input';
import { setupNetwork, teardownNetwork } from './network';
import { etcInput, linkEnv, resolveLinks } from './links';
import type { ContainerRecord } from './types';
import { removeContainer } from './remove';
import { containerMounts } from './mount-setup';
import { initialHealth } from './health';
import { emitContainer, emitVolumeMounts } from './events';
import { remappedRoot } from './userns';

export async function startContainer(deps: ContainerDeps, ref: string): Promise<void> {
  const found = findContainer(deps.table, ref);
  let launched = false;
  try {
    await withContainerLock(found.id, async () => {
      const rec = deps.table.get(found.id);
      if (!rec) return void findContainer(deps.table, ref);
      if (rec.state.Paused) throw conflict('cannot start a paused container, try unpause instead');
      if (rec.state.Running) throw notModified('container already started');
      if (rec.state.Status === 'removing') throw conflict(`container is marked for removal and cannot be started`);
      launched = true;
      // A start by hand starts the restart history over, as dockerd's does.
      rec.restartCount = 0;
      deps.backoff.reset(rec.id);
      await launch(deps, rec);
    });
  } catch (err) {
    // Like dockerd: a --rm container that failed to start is removed (the
    // docker CLI waits for that removal before it exits).
    if (launched && found.hostConfig.AutoRemove) {
      await removeContainer(deps, found.id, { force: true, volumes: true }).catch(() => {});
    }
    throw err;
  }
  emitContainer(deps, found, 'start');
}

/** Runs the container's process; the caller holds the container lock. */
export async function launch(deps: ContainerDeps, rec: ContainerRecord): Promise<void> {
  const s = deps.settings;
  const began = process.hrtime.bigint();
  const bundle = bundleDir(s, rec.id);
  const rootfs = rootfsDir(s, rec.id);
  let mounted = false;
  let networked = false;
  // CNI ADDs still in flight: settled before any unwinding touches the namespace.
  let endpointsPending: Promise<unknown> | undefined;
  // Phase timings, logged at debug level: what `run` spends its time on.
  const phases: string[] = [];
  let last = began;
  const mark = (what: string) => {
    const now = process.hrtime.bigint();
    phases.push(`${what} ${(Number(now - last) / 1e6).toFixed(1)}ms`);
    last = now;
  };
  try {
    mkdirSync(rootfs, { recursive: true });
    const links = resolveLinks(deps, rec);
    // The rootfs mount and the network (netns + CNI) do not depend on each
    // other: side by side. Both settle before any cleanup runs.
    networked = true;
    const [mount, network] = await Promise.allSettled([
      deps.snapshots.mounts(rec.snapshotKey).then((m) => deps.mounter.mountAll(m, rootfs)),
      setupNetwork(deps, rec),
    ]);
    mounted = mount.status === 'fulfilled';
    if (mount.status === 'rejected') throw mount.reason;
    if (network.status === 'rejected') throw network.reason;
    const net = network.value;
    endpointsPending = net.endpoints;
    mark('mount+netns');
    // The etc files must exist for runc's bind mounts; the hosts line with the
    // container's own address is written once CNI has leased it, in place
    // (same inodes), before the process runs.
    const dir = containerDir(s, rec.id);
    const etc = writeEtcFiles(dir, rec, etcInput(deps, rec, [], links), remappedRoot(s));
    const mounts = await containerMounts(deps, rec.mounts, rootfs);
    emitVolumeMounts(deps, rec, 'mount');
    const spec = buildSpec(specInput(rec, s, { rootfs, etc, mounts, netns: net.netns, userns: net.userns, extraEnv: linkEnv(rec.name, links) }));
    writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec));
    mark('bundle');
    const runtime = s.runtimes[rec.hostConfig.Runtime] ?? s.runtimes[s.defaultRuntime];
    // `runc create` (namespaces, mounts, cgroups, the seccomp filter) and the
    // endpoints' CNI ADDs do not depend on each other: side by side.
    const [created, endpoints] = await Promise.allSettled([
      conmonCreate(
        { ...deps.conmon, runtimeBinary: runtime.path },
        {
          id: rec.id,
          name: rec.name,
          bundle,
          logPath: rec.logPath || null,
          terminal: rec.config.Tty,
          stdin: rec.config.OpenStdin,
          // dockerd closes stdin after the first client only without a TTY: a TTY
          // container's stdin outlives a detach, for the next `attach`.
          leaveStdinOpen: rec.config.OpenStdin && (!rec.config.StdinOnce || rec.config.Tty),
        },
      ),
      net.endpoints,
    ]);
    if (created.status === 'rejected') throw created.reason;
    if (endpoints.status === 'rejected') throw endpoints.reason;
    const pid = created.value;
    if (endpoints.value.length) writeEtcFiles(dir, rec, etcInput(deps, rec, endpoints.value, links), remappedRoot(s));
    mark('conmon+create ∥ network');
    // The process waits on runc's exec fifo until `runc start`: whoever
    // attached before start gets every byte of output.
    for (const attach of deps.hub.takeAttaches(rec.id)) {
      await attach(attachSocketPath(bundle)).catch((err) => deps.log('warn', `attach ${rec.id}: ${err}`));
    }
    const st = rec.state;
    Object.assign(st, {
      Status: 'running',
      Running: true,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: pid,
      ExitCode: 0,
      Error: '',
      StartedAt: new Date().toISOString(),
    });
    const health = initialHealth(rec);
    if (health) st.Health = health;
    rec.hasBeenManuallyStopped = false;
    rec.hasBeenStartedBefore = true;
    deps.table.update(rec);
    mark('attach+record');
    await deps.runc.startInit(rec.id, pid);
    mark('runc start');
    deps.log('debug', `start ${rec.id.slice(0, 12)}: ${phases.join(', ')}`);
    deps.health?.watch(rec.id);
    deps.metrics?.containerStarted(Number(process.hrtime.bigint() - began) / 1e9);
  } catch (err) {
    await endpointsPending?.catch(() => {});
    await deps.runc.delete(rec.id, true).catch(() => {});
    if (networked) await teardownNetwork(deps, rec.id);
    if (mounted) await deps.mounter.unmountAll(rootfs).catch(() => {});
    rmSync(bundle, { recursive: true, force: true });
    const message = err instanceof Error ? err.message : String(err);
    Object.assign(rec.state, {
      Status: rec.hasBeenStartedBefore ? 'exited' : 'created',
      Running: false,
      Pid: 0,
      Error: message,
      ExitCode: /executable file not found|no such file or directory/.test(message) ? 127 : /permission denied/.test(message) ? 126 : 128,
    });
    // no monitor runs for a start that failed (as after a stop: unhealthy)
    if (rec.state.Health) rec.state.Health.Status = 'unhealthy';
    deps.table.update(rec);
    throw err;
  }
}

