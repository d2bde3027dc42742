// POST /containers/create: validate, resolve the image, reserve the name,
// prepare the writable layer, and record the container. Nothing half-made is
// left if any step fails.
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, rmSync } from 'node:fs';
import { conflict, invalidArgument } from '../errdefs';
import { buildConfig, buildHostConfig, validateHealthcheck, type CreateBody } from './config';
import type { ContainerDeps } from './deps';
import { containerDir, logFile } from './paths';
import { randomName, validName } from './names';
import { removeAnonymousVolumes, resolveMounts } from './mounts';
import { planNetworks } from './network';
import { findContainer } from './resolve';
import { ZERO_TIME, type ContainerRecord } from './types';
import { remappedRoot } from './userns';
import { writeInitEntries } from './init-layer';
import { overlayDirs } from '../snapshot/changes';
import { populateVolumes } from './populate-volumes';

export async function createContainer(
  deps: ContainerDeps,
  body: CreateBody | undefined,
  requestedName: string | undefined,
): Promise<{ Id: string; Warnings: string[] }> {
  if (!body || typeof body !== 'object') throw invalidArgument('config cannot be empty in order to create a container');
  if (!body.Image) throw invalidArgument('No command specified');
  const hostConfig = buildHostConfig(body.HostConfig, deps.settings);
  const warnings: string[] = [];

  let name = requestedName?.replace(/^\//, '');
  if (name !== undefined && name !== '') {
    if (!validName(name)) throw invalidArgument(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    assertNameFree(deps, name);
  } else {
    name = randomName();
    for (let i = 1; deps.table.byName(name); i++) name = randomName(i);
  }

  const hasPorts = Object.keys(hostConfig.PortBindings ?? {}).length > 0 || !!hostConfig.PublishAllPorts;
  const plan = planNetworks(deps.network, hostConfig.NetworkMode, { NetworkingConfig: body.NetworkingConfig, MacAddress: body.MacAddress, hasPorts });
  hostConfig.NetworkMode = plan.mode;
  if (hostConfig.NetworkMode === 'host' && hasPorts) {
    warnings.push('Published ports are discarded when using host network mode');
    hostConfig.PortBindings = {};
    hostConfig.PublishAllPorts = false;
  }
  for (const l of hostConfig.Links ?? []) {
    const [target] = l.split(':');
    try {
      findContainer(deps.table, target);
    } catch {
      throw invalidArgument(`could not get container for ${target}`);
    }
  }
  const image = deps.images.resolve(body.Image);
  const id = randomBytes(32).toString('hex');
  const config = buildConfig(body, image.config, id);
  validateHealthcheck(config.Healthcheck);
  const argv = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  if (!argv.length) throw invalidArgument('No command specified');

  const now = new Date().toISOString();
  const rec: ContainerRecord = {
    id,
    name,
    created: now,
    image: body.Image,
    imageId: image.id,
    path: argv[0],
    args: argv.slice(1),
    config,
    hostConfig,
    state: {
      Status: 'created',
      Running: false,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 0,
      ExitCode: 0,
      Error: '',
      StartedAt: ZERO_TIME,
      FinishedAt: ZERO_TIME,
    },
    restartCount: 0,
    snapshotKey: `container-${id}`,
    networks: plan.networks,
    logPath: hostConfig.LogConfig.Type === 'none' ? '' : logFile(deps.settings, id),
  };

  rec.mounts = await resolveMounts(deps, hostConfig, config);
  mkdirSync(containerDir(deps.settings, id), { recursive: true, mode: 0o710 });
  try {
    // dockerd's root:<remapped gid> 0710: the remapped root may reach the etc files runc binds from here, nobody else.
    const root = remappedRoot(deps.settings);
    if (root) chownSync(containerDir(deps.settings, id), 0, root.gid);
    const layer = overlayDirs(await deps.snapshots.prepare(rec.snapshotKey, image.topChainID));
    if (layer) {
      await writeInitEntries(layer.upper, layer.lowers, root).catch(async (err) => {
        await deps.snapshots.remove(rec.snapshotKey).catch(() => {});
        throw err;
      });
    }
    await populateVolumes(deps, rec).catch(async (err) => {
      await deps.snapshots.remove(rec.snapshotKey).catch(() => {});
      throw err;
    });
    try {
      deps.table.insert(rec);
    } catch (err) {
      await deps.snapshots.remove(rec.snapshotKey).catch(() => {});
      // Lost a race for the name with another create.
      if (String(err).includes('UNIQUE')) assertNameFree(deps, name);
      throw err;
    }
  } catch (err) {
    rmSync(containerDir(deps.settings, id), { recursive: true, force: true });
    await removeAnonymousVolumes(deps, rec.mounts);
    throw err;
  }
  deps.events.emit('container', 'create', id, { image: body.Image, name, ...config.Labels });
  return { Id: id, Warnings: warnings };
}

function assertNameFree(deps: ContainerDeps, name: string): void {
  const holder = deps.table.byName(name);
  if (holder) {
    throw conflict(
      `Conflict. The container name "/${name}" is already in use by container "${holder.id}". You have to remove (or rename) that container to be able to reuse that name.`,
    );
  }
}
