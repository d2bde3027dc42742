// berth search [OPTIONS] TERM: a private registry's catalog (TERM starts with
// its host, e.g. localhost:5000/busy), in docker's columns.
import { ExactArgs, type BerthCommand } from '../command';
import { registryAuthHeader } from '../credentials';
import { renderList } from '../format/list';
import { addFilter, parseFilters } from '../opts/filters';
import { SEARCH_DEFAULT_TABLE, SEARCH_HEADERS, SearchContext } from '../render/search';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] TERM';
  cmd.argRule = ExactArgs(1);
  cmd
    .list('-f, --filter <filter>', 'Filter output based on conditions provided', (v) => addFilter(new Map(), v) && v)
    .value('--format <string>', 'Pretty-print search using a Go template')
    .value('--limit <int>', 'Max number of search results')
    .flag('--no-trunc', "Don't truncate output");
  cmd.handle(async (cli, args, o) => {
    const filters = parseFilters((o.filter as string[] | undefined) ?? []);
    let limit: number | undefined;
    if (o.limit !== undefined) {
      limit = Number(o.limit);
      if (!Number.isInteger(limit)) throw new Error(`invalid argument "${o.limit}" for "--limit" flag: strconv.ParseInt: parsing "${o.limit}": invalid syntax`);
    }
    const i = args[0].indexOf('/');
    const host = i > 0 && /[.:]|^localhost$/.test(args[0].slice(0, i)) ? args[0].slice(0, i) : 'docker.io';
    const results = await cli.client().images.search(args[0], { limit, filters, registryAuth: registryAuthHeader(cli, host) });
    const rows = results.map((r) => new SearchContext(r, o.trunc !== false));
    cli.out.write(renderList(o.format as string | undefined, rows, { defaultTable: SEARCH_DEFAULT_TABLE, headers: SEARCH_HEADERS, typeName: '*formatter.searchContext' }));
  });
}
