// Shared by inspect, container inspect and image inspect: docker's
// inspect.Inspect — the daemon's JSON re-indented into one array, or a
// template run per object; errors collected and printed after the output.
import type { Cli } from './context';
import { StatusError, errorText } from './errors';
import { parseTemplate } from './format/template';
import { inspectArray } from './render/json';

/** Fetch one object's raw JSON; throw to report it as an error line. */
export type RawGetter = (name: string) => Promise<Buffer>;

export async function inspectAll(cli: Cli, names: string[], format: string | undefined, get: RawGetter): Promise<void> {
  const raws: string[] = [];
  const errors: string[] = [];
  for (const name of names) {
    try {
      raws.push((await get(name)).toString('utf8'));
    } catch (err) {
      errors.push(errorText(err));
    }
  }
  if (!format) {
    cli.out.write(inspectArray(raws));
  } else {
    const tmpl = parseTemplate(format === 'json' ? '{{json .}}' : format.replace(/\\t/g, '\t').replace(/\\n/g, '\n'));
    let out = '';
    for (const raw of raws) {
      try {
        out += `${tmpl.execute(JSON.parse(raw))}\n`;
      } catch (err) {
        errors.push(`template parsing error: ${(err as Error).message}`);
      }
    }
    cli.out.write(out);
  }
  if (errors.length) throw new StatusError(1, errors.join('\n'));
}
