// Image references as the docker CLI handles them
// (github.com/distribution/reference): parse, normalize to docker.io/library/x,
// and print back in the short "familiar" form.

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ID_RE = /^[a-f0-9]{64}$/;

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';

export interface Reference {
  domain: string;
  /** path without domain, e.g. "library/busybox" */
  path: string;
  tag?: string;
  digest?: string;
}

function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  let domain: string;
  let remote: string;
  const first = i < 0 ? '' : name.slice(0, i);
  if (i < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = DEFAULT_DOMAIN;
    remote = name;
  } else {
    domain = first;
    remote = name.slice(i + 1);
  }
  if (domain === LEGACY_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remote.includes('/')) remote = OFFICIAL_PREFIX + remote;
  return [domain, remote];
}

/** reference.ParseNormalizedNamed */
export function parseNormalizedNamed(s: string): Reference {
  if (ID_RE.test(s)) throw new Error(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.search(/[:@]/);
  const remoteName = tagSep < 0 ? remainder : remainder.slice(0, tagSep);
  if (remoteName.toLowerCase() !== remoteName) {
    throw new Error(`invalid reference format: repository name (${remoteName}) must be lowercase`);
  }
  const m = REFERENCE_RE.exec(`${domain}/${remainder}`);
  if (!m) throw new Error('invalid reference format');
  const name = m[1];
  if (name.length > 255) throw new Error('repository name must not be more than 255 characters');
  return { domain, path: name.slice(domain.length + 1), tag: m[2], digest: m[3] };
}

/** Try to parse; undefined when s is an image ID or invalid. */
export function tryParseNamed(s: string): Reference | undefined {
  try {
    return parseNormalizedNamed(s);
  } catch {
    return undefined;
  }
}

/** "docker.io/library/busybox" */
export function fullName(r: Reference): string {
  return `${r.domain}/${r.path}`;
}

/** reference.FamiliarName: "busybox", "me/app", "registry:5000/app" */
export function familiarName(r: Reference): string {
  if (r.domain !== DEFAULT_DOMAIN) return `${r.domain}/${r.path}`;
  return r.path.startsWith(OFFICIAL_PREFIX) && !r.path.slice(OFFICIAL_PREFIX.length).includes('/')
    ? r.path.slice(OFFICIAL_PREFIX.length)
    : r.path;
}

/** reference.FamiliarString: familiar name plus :tag and @digest */
export function familiarString(r: Reference): string {
  return familiarName(r) + (r.tag ? `:${r.tag}` : '') + (r.digest ? `@${r.digest}` : '');
}

/** reference.TagNameOnly: add ":latest" when there is neither tag nor digest. */
export function tagNameOnly(r: Reference): Reference {
  return r.tag || r.digest ? r : { ...r, tag: 'latest' };
}
