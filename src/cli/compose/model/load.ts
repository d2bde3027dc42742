// Loading a project: which files (-f, else compose.yaml / compose.yml /
// docker-compose.yml / docker-compose.yaml in the directory or a parent,
// plus its override file), the environment (.env or --env-file under the
// shell's), YAML with anchors, interpolation, validation, extends, merging
// in order, profiles, then the resolved model (normalize.ts).
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { parseDotenv } from './dotenv';
import { interpolateTree, InterpolationError } from './interpolate';
import { mergeFiles, mergeService } from './merge';
import { normalizeNetwork, normalizeService, normalizeVolume, startOrder } from './normalize';
import { ComposeError, type Project } from './types';
import { validateFile } from './validate';

type Dict = Record<string, unknown>;

export interface LoadOptions {
  files?: string[];
  projectName?: string;
  projectDirectory?: string;
  envFiles?: string[];
  profiles?: string[];
  /** The shell's environment (process.env). */
  env: Record<string, string | undefined>;
  cwd: string;
  /** Warnings (unset variables, `version` obsolete) go here, as compose prints them on stderr. */
  warn: (msg: string) => void;
}

const CANDIDATES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const OVERRIDES: Record<string, string[]> = {
  'compose.yaml': ['compose.override.yaml', 'compose.override.yml'],
  'compose.yml': ['compose.override.yml', 'compose.override.yaml'],
  'docker-compose.yml': ['docker-compose.override.yml', 'docker-compose.override.yaml'],
  'docker-compose.yaml': ['docker-compose.override.yaml', 'docker-compose.override.yml'],
};

export function findFiles(cwd: string): string[] {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const found = CANDIDATES.filter((f) => existsSync(resolve(dir, f)));
    if (found.length) {
      const main = resolve(dir, found[0]);
      const over = OVERRIDES[found[0]].map((f) => resolve(dir, f)).find((f) => existsSync(f));
      return over ? [main, over] : [main];
    }
    if (dir === dirname(dir)) break;
  }
  throw new ComposeError('no configuration file provided: not found');
}

/** compose's normalisation of a project name: lower case, only a-z 0-9 _ -, starting with a letter or digit. */
export function normalizeProjectName(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '');
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ComposeError(`open ${file}: no such file or directory`);
  }
  // merge: true is YAML's "<<" key, which compose files use with anchors.
  const doc = parseDocument(text, { merge: true, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ComposeError(`yaml: ${file}: ${e.message.split('\n')[0]}`);
  }
  return doc.toJS({ maxAliasCount: 1000 });
}

/** x- keys at the top level and in services, networks and volumes are the file's own. */
function dropExtensions(d: Dict): Dict {
  const out: Dict = {};
  for (const [k, v] of Object.entries(d)) {
    if (k.startsWith('x-')) continue;
    out[k] = v;
  }
  return out;
}

export function loadProject(o: LoadOptions): Project {
  const files = o.files?.length ? o.files.map((f) => resolve(o.cwd, f)) : findFiles(o.cwd);
  const workingDir = resolve(o.cwd, o.projectDirectory ?? dirname(files[0]));
  const dotenv: Record<string, string> = {};
  const envFiles = o.envFiles?.length ? o.envFiles.map((f) => resolve(o.cwd, f)) : [resolve(workingDir, '.env')];
  for (const f of envFiles) {
    if (!existsSync(f)) {
      if (o.envFiles?.length) throw new ComposeError(`couldn't find env file: ${f}`);
      continue;
    }
    Object.assign(dotenv, parseDotenv(readFileSync(f, 'utf8'), f));
  }
  const environment: Record<string, string> = { ...dotenv };
  for (const [k, v] of Object.entries(o.env)) if (v !== undefined) environment[k] = v;
  const lookup = (k: string) => environment[k];
  const warned = new Set<string>();
  const warn = (name: string) => {
    if (warned.has(name)) return;
    warned.add(name);
    o.warn(`WARN[0000] The "${name}" variable is not set. Defaulting to a blank string.`);
  };
  const cache = new Map<string, Dict>();
  const load = (file: string): Dict => {
    if (cache.has(file)) return cache.get(file)!;
    const raw = readYaml(file);
    let doc: Dict;
    try {
      doc = interpolateTree(raw, lookup, warn) as Dict;
    } catch (err) {
      if (err instanceof InterpolationError) throw new ComposeError(`error while interpolating ${file}: ${err.message}`);
      throw err;
    }
    validateFile(file, doc);
    if ('version' in doc) o.warn(`WARN[0000] ${file}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`);
    cache.set(file, doc);
    return doc;
  };
  const extended = (file: string, name: string, seen: string[]): Dict => {
    const key = `${file}#${name}`;
    if (seen.includes(key)) throw new ComposeError(`extends cycle detected: ${[...seen, key].map((k) => k.split('#')[1]).join(' -> ')}`);
    const svc = ((load(file).services as Dict) ?? {})[name] as Dict | undefined;
    if (!svc) throw new ComposeError(`cannot extend service "${name}" in ${file}: service not found`);
    return resolveExtends(file, svc, [...seen, key]);
  };
  const resolveExtends = (file: string, svc: Dict, seen: string[]): Dict => {
    if (!svc.extends) return svc;
    const ext = typeof svc.extends === 'string' ? { service: svc.extends } : (svc.extends as Dict);
    const from = ext.file ? resolve(dirname(file), String(ext.file)) : file;
    const base = extended(from, String(ext.service), seen);
    const own = { ...svc };
    delete own.extends;
    return mergeService(base, own);
  };

  let merged: Dict = {};
  for (const f of files) {
    const doc = { ...load(f) };
    const services: Dict = {};
    for (const [name, svc] of Object.entries((doc.services as Dict) ?? {})) services[name] = resolveExtends(f, dropExtensions((svc ?? {}) as Dict), [`${f}#${name}`]);
    doc.services = services;
    merged = mergeFiles(merged, dropExtensions(doc));
  }

  const nameSource = o.projectName ?? o.env.COMPOSE_PROJECT_NAME ?? (merged.name as string | undefined) ?? basename(workingDir);
  const name = normalizeProjectName(String(nameSource));
  if (!name) throw new ComposeError(`project name must not be empty`);
  if (o.projectName && name !== o.projectName) {
    throw new ComposeError(`invalid project name "${o.projectName}": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number`);
  }

  const enabled = new Set([...(o.profiles ?? []), ...(o.env.COMPOSE_PROFILES ?? '').split(',').filter(Boolean)]);
  const all = (merged.services as Dict) ?? {};
  const active = Object.keys(all).filter((n) => {
    const profiles = ((all[n] as Dict).profiles as string[] | undefined) ?? [];
    return !profiles.length || profiles.some((p) => enabled.has(p) || p === '*' || enabled.has('*'));
  });
  const networks = dropExtensions((merged.networks as Dict) ?? {});
  const volumes = dropExtensions((merged.volumes as Dict) ?? {});
  const ctx = { dir: workingDir, lookup, services: new Set(active), networks: new Set(Object.keys(networks)), volumes: new Set(Object.keys(volumes)) };
  const project: Project = { name, workingDir, configFiles: files, services: {}, networks: {}, volumes: {}, environment };
  for (const n of active) project.services[n] = normalizeService(n, all[n] as Dict, ctx);
  const usesDefault = Object.values(project.services).some((s) => s.networks && 'default' in s.networks);
  if (usesDefault || 'default' in networks) project.networks.default = normalizeNetwork('default', (networks.default as Dict) ?? null, name);
  for (const [k, v] of Object.entries(networks)) project.networks[k] = normalizeNetwork(k, v as Dict | null, name);
  for (const [k, v] of Object.entries(volumes)) project.volumes[k] = normalizeVolume(k, v as Dict | null, name);
  startOrder(project);
  return project;
}
