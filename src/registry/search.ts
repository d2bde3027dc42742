// `docker search` against a private registry: the registry's catalog
// (/v2/_catalog), filtered by the term, in the shape of Docker's search
// results. A catalog knows no stars, descriptions or official images.
import { invalidArgument } from '../errdefs';
import { catalog } from './repository';
import type { RegistrySession } from './session';

export interface SearchResult {
  name: string;
  description: string;
  star_count: number;
  is_official: boolean;
  is_automated: boolean;
}

export interface SearchFilters {
  stars?: number;
  isOfficial?: boolean;
  isAutomated?: boolean;
}

/** "localhost:5000/busy" → registry localhost:5000, term "busy"; undefined host for Docker Hub terms. */
export function splitSearchTerm(term: string): { host?: string; term: string } {
  const i = term.indexOf('/');
  const first = i >= 0 ? term.slice(0, i) : '';
  if (i > 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) return { host: first, term: term.slice(i + 1) };
  return { term };
}

/** filters as the API gets them → typed; Docker's messages for bad ones. */
export function parseSearchFilters(f: Map<string, string[]>): SearchFilters {
  const out: SearchFilters = {};
  for (const [k, vals] of f) {
    const v = vals[vals.length - 1];
    if (k === 'stars') {
      if (!/^\d+$/.test(v)) throw invalidArgument(`invalid filter 'stars=${v}'`);
      out.stars = Number(v);
    } else if (k === 'is-official' || k === 'is-automated') {
      if (!['true', 'false', '1', '0'].includes(v.toLowerCase())) throw invalidArgument(`invalid filter '${k}=${v}'`);
      const b = v === 'true' || v === '1';
      if (k === 'is-official') out.isOfficial = b;
      else out.isAutomated = b;
    } else {
      throw invalidArgument(`invalid filter '${k}'`);
    }
  }
  return out;
}

export async function searchCatalog(session: RegistrySession, term: string, limit: number, filters: SearchFilters = {}): Promise<SearchResult[]> {
  if (limit < 1 || limit > 100) throw invalidArgument(`limit ${limit} is outside the range of [1, 100]`);
  const needle = term.toLowerCase();
  return (await catalog(session))
    .filter((name) => name.toLowerCase().includes(needle))
    .map((name) => ({ name: `${session.host}/${name}`, description: '', star_count: 0, is_official: false, is_automated: false }))
    .filter((r) => (filters.stars === undefined || r.star_count >= filters.stars) && (filters.isOfficial === undefined || r.is_official === filters.isOfficial) && (filters.isAutomated === undefined || r.is_automated === filters.isAutomated))
    .slice(0, limit);
}
