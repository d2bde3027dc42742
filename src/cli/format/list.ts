// Renders a list command's rows (`berth ps`, `images`, `volume ls`, …) the
// way docker/cli's formatter.Context does:
//
//   - "table …" formats: a header row made by running the same template
//     against the header names, then one line per row, all through the
//     tabwriter (minwidth 10, padding 3). An empty list still prints the header.
//   - other formats: one line per row, no header, no alignment.
//   - "json": each row as `{{json .}}`, one per line.
//   - the two-character sequences \t and \n in a user's format mean a tab and
//     a newline (docker replaces them before parsing).
//
// Rows are the command's "context" objects: fields, getters or methods named
// like docker's (ID, Names, Label(name), …). Their JSON is docker's
// MarshalJSON: only fields and zero-argument methods, keys sorted, HTML
// characters escaped.

import { clearMarshalJSON, encodeString, getMarshalJSON, goJSON, setMarshalJSON } from './gojson.js';
import { goMap, goStruct, goStructName, unmarkGoStruct } from './gotypes.js';
import { tabwrite } from './tabwriter.js';
import { HEADER_FUNCS } from './template-funcs.js';
import { parseTemplate, TemplateError, type Template } from './template.js';

export interface ListOptions {
  /** The command's default, e.g. "table {{.ID}}\t{{.Image}}" ("table" prefix optional). */
  defaultTable: string;
  /** Header text by field name, e.g. { ID: 'CONTAINER ID' }. Others get their name split and upper-cased. */
  headers: Record<string, string>;
  /** -q: print only quietField (default "ID") of each row, whatever the format. */
  quiet?: boolean;
  quietField?: string;
  /** Go type shown when a template names a field rows lack, e.g. "*formatter.ContainerContext". */
  typeName?: string;
}

const TABLE = 'table';

export function renderList(format: string | undefined, rows: object[], opts: ListOptions): string {
  let f = format ?? '';
  if (opts.quiet) f = `{{.${opts.quietField ?? 'ID'}}}`;
  else if (f.trim() === '' || f.trim() === TABLE) f = withTablePrefix(opts.defaultTable);
  const isTable = f.trimStart().startsWith(TABLE);
  let body = isTable ? f.trimStart().slice(TABLE.length) : f.trim() === 'json' ? '{{json .}}' : f;
  body = body.replace(/^ +| +$/g, '').replace(/\\t/g, '\t').replace(/\\n/g, '\n');

  const tmpl = wrapErrors(() => parseTemplate(body));
  let out = '';
  for (const row of rows) out += renderRow(tmpl, row, opts.typeName ?? 'struct') + '\n';
  if (!isTable) return out;
  return tabwrite(renderHeader(tmpl, opts.headers) + '\n' + out);
}

/** `--format json`: one JSON object per row, as docker's formatter prints them. */
export function formatJSONLines(rows: object[]): string {
  return rows.map((r) => rowJSON(r) + '\n').join('');
}

/** "RunningFor" → "RUNNING FOR", "ID" → "ID", "IPAddress" → "IP ADDRESS". */
export function defaultHeader(field: string): string {
  return field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toUpperCase();
}

function withTablePrefix(f: string): string {
  return f.trimStart().startsWith(TABLE) ? f : `${TABLE} ${f}`;
}

function renderRow(tmpl: Template, row: object, typeName: string): string {
  // Marked only while rendering: a missing field is an error, as on docker's
  // contexts, and {{json .}} uses the row's MarshalJSON.
  // A caller's own marks win and survive.
  const ownName = goStructName(row);
  const ownMarshal = getMarshalJSON(row);
  if (!ownName) goStruct(row, typeName);
  if (!ownMarshal) setMarshalJSON(row, () => rowJSON(row));
  try {
    return wrapErrors(() => tmpl.execute(row));
  } finally {
    if (!ownName) unmarkGoStruct(row);
    if (!ownMarshal) clearMarshalJSON(row);
  }
}

/**
 * The header row: the template run against a map from field name to header
 * text, with docker's HeaderFunctions so `{{upper .Names}}` keeps "NAMES".
 * docker ignores errors here and prints whatever the template wrote.
 */
function renderHeader(tmpl: Template, headers: Record<string, string>): string {
  const data: Record<string, unknown> = {};
  for (const name of tmpl.fieldNames()) data[name] = headers[name] ?? defaultHeader(name);
  // SubHeaderContext.Label: `{{.Label "com.docker.compose.project"}}` heads its column "project".
  data.Label = (name: unknown): string => {
    if (typeof name !== 'string') throw new Error('Label needs the label name');
    return name.split('.').pop()!.replace(/[-_]/g, ' ');
  };
  try {
    return tmpl.execute(goMap(data), { funcs: HEADER_FUNCS });
  } catch (e) {
    if (e instanceof TemplateError) return e.partial ?? '';
    throw e;
  }
}

/** docker's formatter.MarshalJSON: fields and zero-argument methods, keys sorted, HTML escaped. */
function rowJSON(row: object): string {
  const names = new Set<string>();
  for (let o: object | null = row; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) if (k !== 'constructor' && /^[A-Z]/.test(k)) names.add(k);
  }
  const parts: string[] = [];
  for (const k of [...names].sort()) {
    let v = (row as Record<string, unknown>)[k];
    if (typeof v === 'function') {
      if (v.length > 0) continue; // a method that needs arguments, like Label(name)
      v = (v as () => unknown).call(row);
    }
    if (v === undefined) continue;
    parts.push(`${encodeString(k, true)}:${goJSON(v, { escapeHTML: true })}`);
  }
  return `{${parts.join(',')}}`;
}

function wrapErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TemplateError) throw new TemplateError(`template parsing error: ${e.message}`, e.partial);
    throw e;
  }
}
