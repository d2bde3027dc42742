// Image references, parsed and normalised like github.com/distribution/reference
// (what dockerd uses), including its error messages, because users and
// tools match on them:
//   busybox              → docker.io/library/busybox:latest (familiar: busybox:latest)
//   localhost:5000/x/y:t → domain localhost:5000, path x/y, tag t
//   name@sha256:…        → a canonical (digested) reference
import { invalidArgument } from '../errdefs';

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';
const NAME_TOTAL_LENGTH_MAX = 255;

const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|${ipv6})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const namePat = `(?:${domainAndPort}/)?${pathComponent}(?:/${pathComponent})*`;
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';

const REFERENCE_RE = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const DOMAIN_RE = new RegExp(`^${domainAndPort}$`);
const TAG_RE = new RegExp(`^${tagPat}$`);
const HEX64_RE = /^[a-f0-9]{64}$/;

export interface Reference {
  /** Registry host[:port], e.g. docker.io, localhost:5000. */
  domain: string;
  /** Repository path inside the registry, e.g. library/busybox. */
  path: string;
  tag?: string;
  digest?: string;
}

/** Full repository name: docker.io/library/busybox. */
export const refName = (r: Reference): string => `${r.domain}/${r.path}`;

/** Full string: docker.io/library/busybox:latest, docker.io/library/busybox@sha256:… */
export function refString(r: Reference): string {
  return refName(r) + (r.tag !== undefined ? `:${r.tag}` : '') + (r.digest !== undefined ? `@${r.digest}` : '');
}

/** The name as users type it: busybox, localhost:5000/x, quay.io/a/b. */
export function familiarName(r: Reference): string {
  if (r.domain !== DEFAULT_DOMAIN) return refName(r);
  if (r.path.startsWith(OFFICIAL_PREFIX)) {
    const rest = r.path.slice(OFFICIAL_PREFIX.length);
    if (!rest.includes('/')) return rest;
  }
  return r.path;
}

export function familiarString(r: Reference): string {
  return familiarName(r) + (r.tag !== undefined ? `:${r.tag}` : '') + (r.digest !== undefined ? `@${r.digest}` : '');
}

/** Adds the default tag `latest` to a reference with neither tag nor digest. */
export function tagNameOnly(r: Reference): Reference {
  return r.tag === undefined && r.digest === undefined ? { ...r, tag: 'latest' } : r;
}

/** Same repository with `tag` (replacing any tag/digest); validates the tag. */
export function withTag(r: Reference, tag: string): Reference {
  if (!TAG_RE.test(tag)) throw invalidArgument('invalid tag format');
  return { domain: r.domain, path: r.path, tag };
}

/** distribution's reference.Parse on an already fully-qualified string. */
function parse(s: string): Reference {
  const m = REFERENCE_RE.exec(s);
  if (!m) {
    if (s === '') throw invalidArgument('invalid reference format: repository name must have at least one component');
    if (REFERENCE_RE.test(s.toLowerCase())) throw invalidArgument('invalid reference format: repository name must be lowercase');
    throw invalidArgument('invalid reference format');
  }
  const [, name, tag, digest] = m;
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    throw invalidArgument(`invalid reference format: repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  }
  if (digest !== undefined) validateRefDigest(digest);
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  // distribution's splitDomain: the first component is a domain if it matches the domain grammar.
  const hasDomain = slash >= 0 && DOMAIN_RE.test(first);
  return {
    domain: hasDomain ? first : '',
    path: hasDomain ? name.slice(slash + 1) : name,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

function validateRefDigest(d: string): void {
  const [alg, hex] = d.split(':');
  if (alg !== 'sha256') throw invalidArgument('unsupported digest algorithm');
  if (hex.length !== 64) throw invalidArgument('invalid checksum digest length');
  if (!HEX64_RE.test(hex)) throw invalidArgument('invalid checksum digest format');
}

/** distribution's splitDockerDomain: which part of a familiar name is the registry. */
function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  let domain: string;
  let rest: string;
  const first = i >= 0 ? name.slice(0, i) : '';
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = DEFAULT_DOMAIN;
    rest = name;
  } else {
    domain = first;
    rest = name.slice(i + 1);
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !rest.includes('/')) rest = OFFICIAL_PREFIX + rest;
  return [domain, rest];
}

/** ParseNormalizedNamed: a familiar or full name → fully-qualified Reference. */
export function parseNormalizedNamed(s: string): Reference {
  if (HEX64_RE.test(s)) {
    throw invalidArgument(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, rest] = splitDockerDomain(s);
  const colon = rest.indexOf(':');
  const remoteName = colon >= 0 ? rest.slice(0, colon) : rest;
  if (remoteName.toLowerCase() !== remoteName) {
    throw invalidArgument(`invalid reference format: repository name (${remoteName}) must be lowercase`);
  }
  const ref = parse(`${domain}/${rest}`);
  if (ref.domain === '') throw invalidArgument('invalid reference format');
  return ref;
}

export type AnyReference = { kind: 'digest'; digest: string } | { kind: 'named'; ref: Reference };

/** ParseAnyReference: a bare 64-hex ID or sha256:… digest, else a named reference. */
export function parseAnyReference(s: string): AnyReference {
  if (HEX64_RE.test(s)) return { kind: 'digest', digest: `sha256:${s}` };
  if (/^sha256:[a-f0-9]{64}$/.test(s)) return { kind: 'digest', digest: s };
  return { kind: 'named', ref: parseNormalizedNamed(s) };
}

/**
 * FamiliarMatch: Go's path.Match of `pattern` against the familiar string
 * (busybox:latest), then against the familiar name (busybox).
 */
export function familiarMatch(pattern: string, r: Reference): boolean {
  const re = globToRegExp(pattern);
  return re.test(familiarString(r)) || re.test(familiarName(r));
}

/** Go path.Match syntax: * and ? never match '/', [...] classes with ^ negation, \ escapes. */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\') {
      if (++i >= pattern.length) throw invalidArgument('syntax error in pattern');
      out += escapeRe(pattern[i]);
    } else if (c === '[') {
      const end = findClassEnd(pattern, i);
      let body = pattern.slice(i + 1, end);
      let neg = false;
      if (body.startsWith('^')) {
        neg = true;
        body = body.slice(1);
      }
      if (body === '') throw invalidArgument('syntax error in pattern');
      out += `[${neg ? '^' : ''}${body.replace(/\\(.)/g, '$1').replace(/[\]\\^]/g, '\\$&')}]`;
      i = end;
    } else out += escapeRe(c);
  }
  return new RegExp(`^${out}$`);
}

function findClassEnd(p: string, start: number): number {
  for (let j = start + 1; j < p.length; j++) {
    if (p[j] === '\\') j++;
    else if (p[j] === ']' && j > start + 1) return j;
  }
  throw invalidArgument('syntax error in pattern');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
