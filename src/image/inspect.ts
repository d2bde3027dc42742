// `docker image inspect` (GET /images/{name}/json) in the Engine API 1.47 shape.
import * as path from 'node:path';
import type { Ctx } from './context';
import { familiarString, parseNormalizedNamed } from './reference';
import { getImage } from './resolve';
import type { ContainerConfig, ImageInspect } from './types';
import type { ContainerConfig as ApiContainerConfig } from '../api/types/container';

const ZERO_TIME = '0001-01-01T00:00:00Z';

export async function inspectImage(ctx: Ctx, refOrId: string): Promise<ImageInspect> {
  const row = getImage(ctx, refOrId);
  const cfg = ctx.config(row);
  const refs = ctx.records.refsOf(row.id).map((r) => parseNormalizedNamed(r.ref));
  return {
    Id: row.id,
    RepoTags: refs.filter((r) => r.digest === undefined).map(familiarString).sort(),
    RepoDigests: refs.filter((r) => r.digest !== undefined).map(familiarString).sort(),
    Parent: row.parent ?? '',
    Comment: cfg.comment ?? '',
    Created: cfg.created ?? '',
    DockerVersion: cfg.docker_version ?? '',
    Author: cfg.author ?? '',
    Config: dockerConfig(cfg.config),
    Architecture: cfg.architecture,
    ...(cfg.variant ? { Variant: cfg.variant } : {}),
    Os: cfg.os,
    Size: row.size,
    GraphDriver: { Name: 'overlay2', Data: await graphDriverData(ctx, ctx.records.layersOf(row.id)) },
    RootFS: { Type: 'layers', Layers: cfg.rootfs.diff_ids },
    Metadata: { LastTagTime: row.lastTagTime ?? ZERO_TIME },
  };
}

/** The image config as dockerd 1.47 shows it: a full container.Config with its zero values. */
export function dockerConfig(c: ContainerConfig = {}): ApiContainerConfig {
  return {
    Hostname: '',
    Domainname: '',
    User: c.User ?? '',
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    ...(c.ExposedPorts ? { ExposedPorts: c.ExposedPorts } : {}),
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: c.Env ?? null,
    Cmd: c.Cmd ?? null,
    ...(c.Healthcheck ? { Healthcheck: c.Healthcheck } : {}),
    ...(c.ArgsEscaped ? { ArgsEscaped: true } : {}),
    Image: '',
    Volumes: c.Volumes ?? null,
    WorkingDir: c.WorkingDir ?? '',
    Entrypoint: c.Entrypoint ?? null,
    OnBuild: c.OnBuild ?? null,
    Labels: c.Labels ?? null,
    ...(c.StopSignal ? { StopSignal: c.StopSignal } : {}),
    ...(c.Shell ? { Shell: c.Shell } : {}),
  };
}

/** overlay2-style paths: the top layer is UpperDir, the others LowerDir (newest first). */
async function graphDriverData(ctx: Ctx, chains: string[]): Promise<Record<string, string> | null> {
  if (chains.length === 0) return null;
  const dirs: string[] = [];
  for (const c of chains) {
    try {
      dirs.push(await ctx.snapshotter.diffDir(c));
    } catch {
      return null;
    }
  }
  const upper = dirs[dirs.length - 1];
  const data: Record<string, string> = { UpperDir: upper, WorkDir: path.join(path.dirname(upper), 'work') };
  if (dirs.length > 1) data.LowerDir = dirs.slice(0, -1).reverse().join(':');
  return data;
}
