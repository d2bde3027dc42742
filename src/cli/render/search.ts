// `berth search` rows: docker/cli's searchContext (cli/command/registry/formatter_search.go).
import type { ImageSearchResult } from '../../api/types';
import { ellipsis } from './text';

export const SEARCH_DEFAULT_TABLE = 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}';
export const SEARCH_HEADERS: Record<string, string> = {
  Name: 'NAME',
  Description: 'DESCRIPTION',
  StarCount: 'STARS',
  IsOfficial: 'OFFICIAL',
  IsAutomated: 'AUTOMATED',
};

export class SearchContext {
  constructor(
    private readonly r: ImageSearchResult,
    private readonly trunc: boolean,
  ) {}

  get Name(): string {
    return this.r.name;
  }
  get Description(): string {
    const d = this.r.description.replace(/\n/g, ' ').replace(/\r/g, ' ');
    return this.trunc ? ellipsis(d, 45) : d;
  }
  get StarCount(): string {
    return String(this.r.star_count);
  }
  get IsOfficial(): string {
    return this.r.is_official ? '[OK]' : '';
  }
  get IsAutomated(): string {
    return this.r.is_automated ? '[OK]' : '';
  }
}
