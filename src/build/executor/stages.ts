// Build stages: FROM (a named earlier stage, scratch, a local image or a
// pulled one), the substitution environment of a stage (its ARGs under its
// ENV), and the root filesystem of another stage or image for COPY --from.
import { invalidArgument } from '../../errdefs';
import { parseNormalizedNamed, type ContainerConfig } from '../../image';
import type { AuthConfig } from '../../registry';
import { createContainer } from '../../container/create';
import { removeContainer } from '../../container/remove';
import { withRootfs } from '../../container/rootfs';
import { parseError, parseFlags, splitWords, type Instruction } from '../dockerfile/parser';
import { processWord, processWords, type Env } from '../dockerfile/shell-lex';
import { DEFAULT_PATH } from './instructions';
import { SCRATCH, type StepDeps } from './steps';
import type { BuildMessage, BuildOptions, Stage } from './types';

export function stageName(from: Instruction): string | undefined {
  const words = from.rest.trim().split(/\s+/);
  if (words.length === 3 && words[1].toLowerCase() === 'as') return words[2].toLowerCase();
  return undefined;
}

export function envOf(m: Map<string, string | undefined>): Env {
  const env: Env = new Map();
  for (const [k, v] of m) if (v !== undefined) env.set(k, v);
  return env;
}

/** Substitution environment: declared args with values, overridden by ENV. */
export function stageEnv(s: Stage): Env {
  const env = envOf(s.args);
  for (const e of s.config.Env ?? []) {
    const eq = e.indexOf('=');
    env.set(eq < 0 ? e : e.slice(0, eq), eq < 0 ? '' : e.slice(eq + 1));
  }
  return env;
}

export function argPairs(i: Instruction, env: Env, escape: string): [string, string | undefined][] {
  const words = splitWords(i.rest, escape);
  if (!words.length) throw parseError(i.line, 'ARG requires at least one argument');
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq === 0) throw parseError(i.line, 'ARG names can not be blank');
    if (eq < 0) return [w, undefined];
    return [w.slice(0, eq), processWord(w.slice(eq + 1), env, escape)];
  });
}

export async function beginStage(
  deps: StepDeps,
  from: Instruction,
  stages: Stage[],
  meta: Map<string, string | undefined>,
  escape: string,
  opts: BuildOptions,
  emit: (m: BuildMessage) => void,
): Promise<Stage> {
  const flags = parseFlags(from, ['platform']);
  const words = processWords(from.rest, envOf(meta), escape);
  if (words.length !== 1 && !(words.length === 3 && words[1].toLowerCase() === 'as')) {
    throw parseError(from.line, 'FROM requires either one or three arguments');
  }
  const name = words.length === 3 ? words[2].toLowerCase() : undefined;
  if (name !== undefined && !/^[a-z][a-z0-9-_.]*$/.test(name)) {
    throw parseError(from.line, `invalid name for build stage: "${words[2]}", name can't start with a number or contain symbols`);
  }
  const base = words[0];
  if (!base) throw invalidArgument('base name (' + from.rest.trim() + ') should not be blank');
  const prev = stages.find((s) => s.name === base.toLowerCase());
  let imageId = '';
  let config: ContainerConfig = {};
  if (prev) {
    imageId = prev.imageId;
    config = structuredClone(prev.config);
  } else if (base.toLowerCase() !== SCRATCH) {
    const platform = flags.get('platform')?.at(-1);
    imageId = await ensureImage(deps, base, opts, emit, platform === undefined ? undefined : processWord(platform, envOf(meta), escape));
    config = structuredClone(deps.images.getConfig(imageId).config ?? {});
  }
  if (!(config.Env ?? []).some((e) => e.startsWith('PATH='))) config.Env = [`PATH=${DEFAULT_PATH}`, ...(config.Env ?? [])];
  return { name, index: stages.length, imageId, config, args: new Map(), cmdSet: false };
}

export async function ensureImage(deps: StepDeps, ref: string, opts: BuildOptions, emit: (m: BuildMessage) => void, platform = opts.platform): Promise<string> {
  if (!opts.pull) {
    try {
      return deps.images.resolve(ref);
    } catch (err) {
      if ((err as { kind?: string }).kind !== 'NotFound') throw err;
    }
  }
  return deps.images.pull(ref, { platform, auth: authFor(ref, opts.authConfigs), progress: (m) => emit(m) });
}

/** The docker CLI keys Docker Hub's credentials by its old index URL, others by host[:port]. */
function authFor(ref: string, configs: BuildOptions['authConfigs']): AuthConfig | undefined {
  if (!configs) return undefined;
  const domain = parseNormalizedNamed(ref).domain;
  if (domain === 'docker.io') return configs['https://index.docker.io/v1/'] ?? configs['docker.io'] ?? configs['index.docker.io'];
  return configs[domain] ?? configs[`https://${domain}`] ?? configs[`http://${domain}`];
}

export async function sourceImage(
  deps: StepDeps,
  from: string,
  stages: Stage[],
  names: (string | undefined)[],
  opts: BuildOptions,
  emit: (m: BuildMessage) => void,
): Promise<string> {
  const byName = stages.find((s) => s.name === from.toLowerCase());
  if (byName) return byName.imageId;
  if (/^\d+$/.test(from)) {
    const s = stages[Number(from)];
    if (!s) throw invalidArgument(`invalid from flag value ${from}: refers to current build stage`);
    return s.imageId;
  }
  if (names.includes(from.toLowerCase())) throw invalidArgument(`invalid from flag value ${from}: refers to current build stage`);
  return ensureImage(deps, from, { ...opts, pull: false }, emit);
}

/** The root filesystem of an image, through a temporary container that is removed afterwards. */
export async function withImageRoot<T>(deps: StepDeps, imageId: string, fn: (root: string) => Promise<T>): Promise<T> {
  const c = deps.containers;
  const { Id } = await createContainer(c, { Image: imageId || SCRATCH, Cmd: ['/bin/sh'], HostConfig: {} } as Parameters<typeof createContainer>[1], undefined);
  try {
    return await withRootfs(c, c.table.get(Id)!, fn);
  } finally {
    await removeContainer(c, Id, { force: true, volumes: true });
  }
}
