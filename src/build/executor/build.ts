// The classic builder: runs a parsed Dockerfile stage by stage, one step per
// instruction, printing Docker's `Step N/M : …` stream. The cache is the
// image store itself: a step is cached when an image exists whose parent is
// the current image and whose container_config (Cmd names the instruction,
// with a checksum of the sources for COPY/ADD) equals the step's, so it
// survives restarts and `images -a` shows the intermediate images.
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import { BerthError, invalidArgument } from '../../errdefs';
import type { ContainerConfig } from '../../image';
import { parseDockerfile, parseError, parseFlags, type Instruction } from '../dockerfile/parser';
import { expandVariables, processWord, processWords, type Env } from '../dockerfile/shell-lex';
import type { BuildContext } from './context';
import { matchSources, mkdirs, sourcesChecksum, writeSources, type Matched, type SourceTree } from './copy';
import { toHost } from '../../util/idmap';
import { applyMeta, commandOf, DEFAULT_SHELL, validateInstruction } from './instructions';
import { runStep, StepError, type StepDeps } from './steps';
import { resolveUser } from '../../container/user';
import { fetchUrl } from './fetch';
import { cleanComponents } from '../../util/tar/resolve';
import { probeCache } from './cache';
import { argPairs, beginStage, envOf, sourceImage, stageEnv, stageName, withImageRoot } from './stages';
import { PROXY_ARGS, type BuildMessage, type BuildOptions, type Stage } from './types';

export type { BuildMessage, BuildOptions } from './types';
export { PROXY_ARGS } from './types';

export async function buildImage(
  deps: StepDeps,
  ctx: BuildContext,
  opts: BuildOptions,
  emit: (m: BuildMessage) => void,
): Promise<string> {
  const out = (text: string) => emit({ stream: text });
  const text = opts.dockerfileText ?? (await ctx.read(opts.dockerfile));
  if (text === undefined) {
    throw invalidArgument(`Cannot locate specified Dockerfile: ${opts.dockerfile}`);
  }
  const df = parseDockerfile(text);
  const escape = df.escape;
  const all = df.instructions;
  if (!all.some((i) => i.cmd === 'from')) throw invalidArgument('the Dockerfile (' + opts.dockerfile + ') cannot be empty');
  // Syntax is checked for every instruction before anything runs, as dockerd does.
  for (const i of all) validateInstruction(i, escape);

  // Meta ARGs before the first FROM, then stages.
  const firstFrom = all.findIndex((i) => i.cmd === 'from');
  for (const i of all.slice(0, firstFrom)) {
    if (i.cmd !== 'arg') throw parseError(i.line, `no build stage in current context`);
  }
  const stagesIns: Instruction[][] = [];
  for (const i of all.slice(firstFrom)) {
    if (i.cmd === 'from') stagesIns.push([i]);
    else stagesIns[stagesIns.length - 1].push(i);
  }
  const stageNames = stagesIns.map((s) => stageName(s[0]));
  let last = stagesIns.length - 1;
  if (opts.target) {
    last = stageNames.findIndex((n) => n === opts.target!.toLowerCase());
    if (last < 0) throw invalidArgument(`failed to reach build target ${opts.target} in Dockerfile`);
  }
  const todo = stagesIns.slice(0, last + 1);
  if (Object.keys(opts.labels).length) {
    const line = 'LABEL ' + Object.entries(opts.labels).map(([k, v]) => `${JSON.stringify(k)}=${JSON.stringify(v)}`).join(' ');
    todo[last].push({ cmd: 'label', original: line, line: 0, flags: [], rest: line.slice(6), heredocs: [] });
  }
  const total = firstFrom + todo.reduce((n, s) => n + s.length, 0);
  let stepNo = 0;
  const step = (i: Instruction) => {
    if (opts.signal?.aborted) throw new StepError('context canceled');
    out(`Step ${++stepNo}/${total} : ${i.original}\n`);
  };

  const consumed = new Set<string>();
  const buildArg = (name: string) => {
    if (!(name in opts.buildArgs)) return undefined;
    consumed.add(name);
    return opts.buildArgs[name] ?? undefined;
  };
  // Global ARGs: usable in FROM lines, and as defaults for a stage's `ARG name`.
  const meta = new Map<string, string | undefined>();
  for (const i of all.slice(0, firstFrom)) {
    step(i);
    for (const [k, v] of argPairs(i, envOf(meta), escape)) meta.set(k, buildArg(k) ?? v);
  }

  const stages: Stage[] = [];
  const stepDeps = deps;
  // berthd --userns-remap: files written into build containers get host ids shifted like the layers'.
  const idMap = deps.containers.settings.idMap;
  for (const ins of todo) {
    const from = ins[0];
    step(from);
    const stage = await beginStage(deps, from, stages, meta, escape, opts, emit);
    out(` ---> ${short(stage.imageId)}\n`);
    stages.push(stage);
    // ONBUILD triggers of the base image run right after FROM.
    const triggers = stage.config.OnBuild ?? [];
    stage.config.OnBuild = undefined;
    if (triggers.length) {
      out(`# Executing ${triggers.length} build trigger${triggers.length > 1 ? 's' : ''}\n`);
      for (const t of triggers) {
        const [ti] = parseDockerfile(t).instructions;
        if (ti) await dispatch(ti);
      }
    }
    for (const i of ins.slice(1)) {
      step(i);
      await dispatch(i);
      out(` ---> ${short(stage.imageId)}\n`);
    }

    async function dispatch(i: Instruction): Promise<void> {
      const env = stageEnv(stage);
      switch (i.cmd) {
        case 'from':
          throw parseError(i.line, 'FROM inside a stage');
        case 'run':
          return runInstruction(i);
        case 'copy':
        case 'add':
          return copyInstruction(i, env);
        case 'arg': {
          const pairs = argPairs(i, env, escape);
          for (const [k, v] of pairs) {
            const given = buildArg(k);
            stage.args.set(k, given ?? v ?? (meta.has(k) ? meta.get(k) : undefined));
          }
          return meta_(`ARG ${pairs.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join(' ')}`, stage.config);
        }
        case 'workdir': {
          // The directory is made in the image, as Docker does; no layer when it was there.
          const r = applyMeta(i, stage.config, env, escape, stage.cmdSet);
          const dir = r.config.WorkingDir as string;
          const shell = stage.config.Shell?.length ? stage.config.Shell : DEFAULT_SHELL;
          return commitOrCache(r.config, { ...r.config, Cmd: [...shell, `#(nop) ${r.nop}`] }, {
            layer: true,
            dropEmptyLayer: true,
            write: (root) => mkdirs(root, cleanComponents(dir), toHost(idMap, { uid: 0, gid: 0 })),
          });
        }
        default: {
          const r = applyMeta(i, stage.config, env, escape, stage.cmdSet);
          if (i.cmd === 'cmd') stage.cmdSet = true;
          if (r.author !== undefined) stage.author = r.author;
          return meta_(r.nop, r.config);
        }
      }
    }

    async function meta_(nop: string, config: ContainerConfig): Promise<void> {
      const shell = stage.config.Shell?.length ? stage.config.Shell : DEFAULT_SHELL;
      const runConfig = { ...config, Cmd: [...shell, `#(nop) ${nop}`] };
      await commitOrCache(config, runConfig, { layer: false });
    }

    async function commitOrCache(
      config: ContainerConfig,
      runConfig: ContainerConfig,
      o: { layer: boolean; run?: { cmd: string[]; env: string[] }; write?: (root: string) => Promise<void>; commandText?: string; dropEmptyLayer?: boolean },
    ): Promise<void> {
      if (!opts.noCache && stage.imageId) {
        const hit = probeCache(deps.images, stage.imageId, runConfig);
        if (hit) {
          out(' ---> Using cache\n');
          stage.imageId = hit;
          stage.config = config;
          return;
        }
      }
      stage.imageId = await runStep(stepDeps, {
        parent: stage.imageId,
        config,
        author: stage.author,
        runConfig,
        run: o.run,
        write: o.write,
        layer: o.layer,
        rm: opts.rm,
        forceRm: opts.forceRm,
        out,
        commandText: o.commandText ?? '',
        dropEmptyLayer: o.dropEmptyLayer,
        signal: opts.signal,
        runHost: opts.runHost,
      });
      stage.config = config;
    }

    async function runInstruction(i: Instruction): Promise<void> {
      parseFlags(i, ['network', 'mount', 'security']).forEach((_v, k) => {
        throw parseError(i.line, `the --${k} option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled`);
      });
      const shell = stage.config.Shell?.length ? stage.config.Shell : DEFAULT_SHELL;
      let cmd: string[];
      if (i.heredocs.length && /^\s*<<-?["']?\w+["']?\s*$/.test(i.rest)) {
        const h = i.heredocs[0];
        // The body is the script; the shell expands its variables when it runs.
        cmd = [...shell, h.content];
      } else if (i.heredocs.length) {
        cmd = [...shell, i.rest + '\n' + i.heredocs.map((h) => h.content + h.name + '\n').join('')];
      } else {
        cmd = commandOf(i, shell);
      }
      if (!i.json && !i.rest.trim()) throw parseError(i.line, 'RUN requires at least one argument');
      // Build args in the step's environment, and (not proxies) in its cache key, as `|N k=v … cmd`.
      const argEnv: string[] = [];
      const keyArgs: string[] = [];
      const envKeys = new Set((stage.config.Env ?? []).map((e) => e.split('=', 1)[0]));
      for (const [k, v] of [...stage.args].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (v === undefined || envKeys.has(k)) continue;
        argEnv.push(`${k}=${v}`);
        keyArgs.push(`${k}=${v}`);
      }
      for (const p of PROXY_ARGS) {
        const v = buildArg(p);
        if (v !== undefined && !stage.args.has(p)) argEnv.push(`${p}=${v}`);
      }
      const keyCmd = keyArgs.length ? [`|${keyArgs.length}`, ...keyArgs, ...cmd] : cmd;
      const runConfig = { ...stage.config, Cmd: keyCmd };
      await commitOrCache(stage.config, runConfig, {
        layer: true,
        run: { cmd, env: [...(stage.config.Env ?? []), ...argEnv] },
        commandText: cmd.join(' '),
      });
    }

    async function copyInstruction(i: Instruction, env: Env): Promise<void> {
      const isAdd = i.cmd === 'add';
      const what = isAdd ? 'ADD' : 'COPY';
      const flags = parseFlags(i, isAdd ? ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir'] : ['from', 'chown', 'chmod', 'link', 'parents', 'exclude']);
      for (const k of ['parents', 'exclude']) {
        if (flags.has(k)) throw parseError(i.line, `the --${k} option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled`);
      }
      const checksum = flags.get('checksum')?.at(-1);
      const fromFlag = flags.get('from')?.at(-1);
      const chown = flags.get('chown')?.at(-1);
      const chmodRaw = flags.get('chmod')?.at(-1);
      let chmod: number | undefined;
      if (chmodRaw !== undefined) {
        if (!/^[0-7]{3,4}$/.test(chmodRaw)) throw parseError(i.line, `invalid chmod parameter: ${chmodRaw}`);
        chmod = parseInt(chmodRaw, 8);
      }
      const words = i.json ? i.json.map((w) => processWord(w, env, escape)) : processWords(i.rest, env, escape);
      if (words.length < 2) throw parseError(i.line, `${what} requires at least two arguments, but only one was provided. Destination could not be determined.`);
      let dest = words[words.length - 1];
      const wd = stage.config.WorkingDir || '/';
      if (!dest.startsWith('/')) dest = path.posix.join(wd, dest) + (dest.endsWith('/') || dest === '.' ? '/' : '');
      const srcs = words.slice(0, -1);

      const failed = (err: unknown): never => {
        if (err instanceof BerthError) throw new BerthError(err.kind, `${what} failed: ${err.message}`);
        throw err;
      };

      // Heredocs and URLs become files in a private directory that serves as the tree.
      const extra = i.heredocs.length || srcs.some(isUrl) ? await fsp.mkdtemp(path.join(ctx.root, '..', 'src-')) : undefined;
      try {
        let srcPatterns = srcs;
        let tree: SourceTree = { root: ctx.root, ignored: ctx.ignored, fileHash: ctx.fileHash };
        if (extra) {
          srcPatterns = [];
          for (const s of srcs) {
            const h = i.heredocs.find((d) => `<<${d.name}` === s || `<<-${d.name}` === s || s.replace(/["']/g, '') === `<<${d.name}`);
            if (h) {
              await fsp.writeFile(path.join(extra, h.name), h.expand ? expandVariables(h.content, env, escape) : h.content, { mode: 0o644 });
              srcPatterns.push(h.name);
            } else if (isUrl(s)) {
              if (!isAdd) throw invalidArgument('source can\'t be a URL for COPY');
              srcPatterns.push(await fetchUrl(s, extra, checksum));
            } else {
              throw invalidArgument(`${what} mixing context files with heredocs or URLs is not supported`);
            }
          }
          tree = { root: extra, ignored: () => false, fileHash: ctx.fileHash };
        }
        const doCopy = async (t: SourceTree) => {
          const matched: Matched[] = await matchSources(t, srcPatterns).catch(failed);
          const sum = await sourcesChecksum(t, matched);
          const flagText = [chown ? `--chown=${chown}` : '', chmodRaw ? `--chmod=${chmodRaw}` : ''].filter(Boolean).join(' ');
          const nop = `${what} ${flagText ? flagText + ' ' : ''}${sum} in ${dest} `;
          const shell = stage.config.Shell?.length ? stage.config.Shell : DEFAULT_SHELL;
          const runConfig = { ...stage.config, Cmd: [...shell, `#(nop) ${nop}`] };
          await commitOrCache(stage.config, runConfig, {
            layer: true,
            write: async (root) => {
              // --chown names the image's users; --userns-remap stores them shifted.
              const owner = toHost(idMap, chown ? resolveUser(root, chown) : { uid: 0, gid: 0 });
              await writeSources(root, matched, { dest, owner, chmod, extractArchives: isAdd && !extra, idMap }, what).catch(failed);
            },
          });
        };
        if (fromFlag === undefined || extra) return await doCopy(tree);
        const fromImage = await sourceImage(deps, fromFlag, stages, stageNames, opts, emit);
        await withImageRoot(deps, fromImage, (root) => doCopy({ root, ignored: () => false, fileHash: ctx.fileHash }));
      } finally {
        if (extra) await fsp.rm(extra, { recursive: true, force: true });
      }
    }
  }

  const unused = Object.keys(opts.buildArgs).filter((k) => !consumed.has(k) && !PROXY_ARGS.includes(k));
  if (unused.length) out(`[Warning] One or more build-args [${unused.join(' ')}] were not consumed\n`);
  const final = stages[stages.length - 1];
  if (!final.imageId) throw invalidArgument('No image was generated. Is your Dockerfile empty?');
  return final.imageId;
}

function short(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function isUrl(s: string): boolean {
  return /^https?:\/\//.test(s);
}
