// Wiring only: builds every part from the configuration, restores state,
// and serves the API. This is the one place that chooses implementations.
import { cgroupReader } from '../sys/cgroups';
import { startLogRotation } from '../container/logrotate';
import { RestartBackoff } from '../container/backoff';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../metadata/db';
import { ContainerTable, containerMigrations } from '../metadata/containers';
import { EventBus } from '../events/bus';
import { Runc } from '../runtime/runc';
import { ExitWatcher } from '../runtime/exits';
import { ExitHub } from '../container/hub';
import type { ContainerDeps, DaemonSettings } from '../container/deps';
import type { ContainerRecord } from '../container/types';
import { handleExit } from '../container/exit';
import { healthMonitor } from '../container/health';
import { stateName } from '../container/status';
import { restoreContainers } from '../container/restore';
import { createApiServer } from '../api/server/server';
import { containerRoutes } from '../api/routers/container/routes';
import { firstRouteWins, systemRoutes } from '../api/routers/system/routes';
import { pluginRoutes } from '../api/routers/plugin/routes';
import { swarmInactiveRoutes } from '../api/routers/swarm/inactive-routes';
import { execRoutes } from '../api/routers/exec/routes';
import { createExec, inspectExec, prepareExecStart, resizeExec } from '../container/exec';
import { mountAll, unmountAll } from '../sys/mount';
import { parseListenHost, type DaemonConfig } from './config';
import { readHostFacts } from './host';
import { makeInfo, versionInfo, BERTH_VERSION } from './info';
import { listenTcp, listenUnix, type TcpDoor } from './listen';
import { takePidfile } from './pidfile';
import { prepareRemappedRoot, resolveRemap, systemRemapHost } from '../sys/remap';
import { containerBackend, containerFilesBackend } from './container-backend';
import { containerFileRoutes } from '../api/routers/container/archive-routes';
import { buildImageSide } from './images';
import { imageMigrations } from '../metadata/images';
import { imageRoutes } from '../api/routers/image/routes';
import { registryRoutes } from '../api/routers/registry/routes';
import { distributionRoutes } from '../api/routers/distribution/routes';
import { buildRegistry } from './registry';
import { DEFAULT_SHM_SIZE } from '../runtime/defaults';
import { volumeMigrations } from '../metadata/volumes';
import { buildVolumeSide, volumeBackend } from './volumes';
import { systemDiskUsage } from './system-df';
import { volumeRoutes } from '../api/routers/volume/routes';
import { networkMigrations } from '../metadata/networks';
import { restoreEndpoints } from '../network/endpoints';
import { buildNetworking } from './networking';
import { networkRoutes } from '../api/routers/network/routes';
import { networkBackend } from './network-backend';
import { eventRoutes } from '../api/routers/system/events-routes';
import { buildRoutes } from '../api/routers/build/routes';
import { buildBackend } from './build';
import { startDashboard } from './ui';

type Log = (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void;

export interface RunningDaemon {
  shutdown(): Promise<void>;
}

export async function startDaemon(cfg: DaemonConfig, log: Log): Promise<RunningDaemon> {
  // --userns-remap: containers' ids map onto a host user's subordinate ranges,
  // and every store moves to <data-root>/<uid>.<gid> (dockerd's layout), so
  // remapped and plain images, layers, containers and volumes never mix.
  const remap = cfg.usernsRemap ? await resolveRemap(cfg.usernsRemap, systemRemapHost(), (m) => log('warn', m)) : undefined;
  const root = remap ? await prepareRemappedRoot(cfg.dataRoot, remap.root) : cfg.dataRoot;
  if (remap) log('info', `User namespaces: ID ranges will be mapped to subuid/subgid ranges of: ${remap.user} (${remap.spec}); stores in ${root}`);
  const idMap = remap?.mapping;
  for (const d of [root, join(root, 'containers'), cfg.execRoot, join(cfg.execRoot, 'exits'), join(cfg.execRoot, 'c'), join(cfg.execRoot, 'runc'), join(cfg.execRoot, 'exec')]) {
    mkdirSync(d, { recursive: true, mode: 0o711 });
  }
  const releasePid = takePidfile(cfg.pidfile);
  const host = readHostFacts();
  const settings: DaemonSettings = {
    dataRoot: root,
    execRoot: cfg.execRoot,
    cgroupParent: cfg.cgroupParent,
    cgroupVersion: host.cgroupVersion,
    hostBoundingCaps: host.boundingCaps,
    seccompProfile: cfg.seccompProfile || null,
    kernel: host.kernel,
    initBinary: cfg.initPath || null,
    defaultLogDriver: cfg.logDriver,
    defaultLogOpts: cfg.logOpts,
    runtimes: cfg.runtimes,
    defaultRuntime: cfg.defaultRuntime,
    defaultShmSize: DEFAULT_SHM_SIZE,
    ncpu: host.ncpu,
    dns: cfg.dns,
    idMap,
  };

  const events = new EventBus();
  const db = openDatabase(join(root, 'berth.db'), [...imageMigrations, ...containerMigrations, ...volumeMigrations, ...networkMigrations]);
  const table = new ContainerTable<ContainerRecord>(db);
  const network = await buildNetworking({ cfg, db, table, log });
  const registry = buildRegistry({
    certsDir: cfg.registryCertsDir,
    insecureRegistries: cfg.insecureRegistries,
    maxConcurrentDownloads: cfg.maxConcurrentDownloads,
    maxConcurrentUploads: cfg.maxConcurrentUploads,
    idleTimeout: cfg.registryTimeout * 1000,
    uploadChunkSize: cfg.registryChunkSize,
    maxDownloadAttempts: cfg.maxDownloadAttempts,
  });
  const images = buildImageSide({
    registry: registry.access,
    db,
    dataRoot: root,
    idMap,
    events,
    users: (imageId) => table.readonlyAll().filter((c) => c.imageId === imageId).map((c) => ({ id: c.id, running: c.state.Running })),
  });
  await images.store.repair();
  const volumes = buildVolumeSide({ db, dataRoot: root, events, containers: () => table.readonlyAll(), rootOwner: remap?.root });
  await volumes.repair();

  const hub = new ExitHub();
  const deps: ContainerDeps = {
    table,
    images: images.access,
    snapshots: images.snapshots,
    volumes,
    mounter: { mountAll, unmountAll },
    runc: new Runc({ binary: cfg.runtimes[cfg.defaultRuntime].path, root: join(cfg.execRoot, 'runc') }),
    conmon: {
      binary: '/usr/bin/conmon',
      runtimeBinary: cfg.runtimes[cfg.defaultRuntime].path,
      runtimeRoot: join(cfg.execRoot, 'runc'),
      exitDir: join(cfg.execRoot, 'exits'),
      logLevel: cfg.logLevel === 'debug' ? 'debug' : 'error',
    },
    exits: undefined as unknown as ExitWatcher,
    hub,
    backoff: new RestartBackoff(),
    cgroups: cgroupReader(host.cgroupVersion),
    events,
    settings,
    network,
    log,
  };
  deps.exits = new ExitWatcher(join(cfg.execRoot, 'exits'), (id, code) => {
    handleExit(deps, id, code).catch((err) => log('error', `handling exit of ${id}: ${err}`));
  });
  // prom-client and its collectors (≈5 MiB) are loaded only when metrics are served.
  const metricsLib = cfg.metricsAddr ? (require('./metrics') as typeof import('./metrics')) : undefined;
  const metrics = metricsLib
    ? metricsLib.createMetrics({
        events,
        containerStates: () => {
          const n = { running: 0, paused: 0, stopped: 0 };
          for (const c of table.readonlyAll()) {
            const st = stateName(c);
            if (st === 'paused') n.paused++;
            else if (st === 'running' || st === 'restarting') n.running++;
            else n.stopped++;
          }
          return n;
        },
        info: { version: BERTH_VERSION, kernel: host.kernel, os: 'linux', architecture: process.arch === 'x64' ? 'x86_64' : process.arch, graphdriver: 'overlay2' },
      })
    : undefined;
  deps.metrics = metrics;
  const health = healthMonitor(deps);
  deps.health = health;
  const pending = deps.exits.start();
  await restoreContainers(deps, pending, (live) => restoreEndpoints(network, live));
  const stopLogRotation = startLogRotation(deps);

  const info = makeInfo({ cfg, host, table, imageCount: () => images.store.count(), eventListeners: () => events.clientCount(), rootDir: root, userns: !!remap });
  const server = createApiServer({
    serverName: `Berth/${BERTH_VERSION} (linux)`,
    log,
    onRequest: metrics ? (m, route, status) => metrics.apiRequest(m, route, status) : undefined,
    routes: firstRouteWins([
      ...systemRoutes({ version: () => versionInfo(host), info, df: systemDiskUsage({ images: images.store, containers: deps, volumes }) }),
      ...eventRoutes(events),
      ...containerRoutes(containerBackend(deps)),
      ...containerFileRoutes(containerFilesBackend(deps)),
      ...execRoutes({
        create: (ref, body) => createExec(deps, ref, body as Parameters<typeof createExec>[2]),
        start: (id, opts) => prepareExecStart(deps, id, opts),
        inspect: (id) => inspectExec(deps, id),
        resize: (id, h, w) => resizeExec(deps, id, h, w),
      }),
      ...registryRoutes(registry.backend),
      ...distributionRoutes(registry.distribution),
      ...imageRoutes(images.store, images.store),
      ...volumeRoutes(volumeBackend(volumes)),
      ...networkRoutes(networkBackend(deps)),
      ...buildRoutes(buildBackend({ images: images.store, containers: deps, dataRoot: root })),
      ...pluginRoutes(),
      ...swarmInactiveRoutes(),
    ]),
  });
  const doors: TcpDoor[] = [];
  let unixCount = 0;
  for (const h of cfg.hosts) {
    const l = parseListenHost(h);
    if (l.proto === 'unix') {
      doors.push(await listenUnix(server, l.path, cfg.group, (m) => log('warn', m), { separate: unixCount++ > 0 }));
      continue;
    }
    const files = cfg.tlsVerify ? { ca: cfg.tlsCaCert, cert: cfg.tlsCert, key: cfg.tlsKey } : undefined;
    // Only reached with an explicit --tls=false (config validation refuses otherwise).
    if (!files) log('warn', `Binding to IP address without --tlsverify is insecure and gives root access on this machine to everyone who has access to your network. (${h})`);
    const door = await listenTcp(server, l, files, log);
    doors.push(door);
    log('info', `listening on tcp://${l.host}:${door.port}${files ? ' (mutual TLS)' : ' (plain TCP, insecure)'}`);
  }
  const metricsServer = metrics && metricsLib ? await metricsLib.serveMetrics(metrics, cfg.metricsAddr, log) : undefined;
  const dashboard = await startDashboard(cfg, server, log);
  log('info', `berthd ${BERTH_VERSION} listening on ${cfg.hosts.join(', ')}`);

  return {
    async shutdown() {
      deps.exits.stop();
      health.close();
      metricsServer?.close();
      dashboard?.close();
      stopLogRotation();
      network.dns.closeAll();
      network.ports.releaseAll();
      for (const d of doors) d.close();
      // Hijacked attach streams and followed logs never end by themselves:
      // give in-flight requests a moment, then close whatever is left.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(resolve, 1000).unref();
      });
      db.close();
      releasePid();
    },
  };
}
