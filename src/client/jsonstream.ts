// Newline-delimited JSON progress streams (import, pull, load, push).
import type { Readable } from 'node:stream';
import type { JSONMessage } from '../api/types';

/**
 * Yield each JSON value of a stream of JSON documents separated by newlines
 * ("\r\n" from docker). Documents concatenated without a separator are split
 * too, since Go's json.Decoder accepts that and some daemons rely on it.
 */
export async function* readJSONStream<T = JSONMessage>(src: Readable): AsyncGenerator<T> {
  let buf = '';
  for await (const chunk of src) {
    buf += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      for (const doc of splitDocuments(line)) yield JSON.parse(doc) as T;
    }
  }
  for (const doc of splitDocuments(buf)) yield JSON.parse(doc) as T;
}

/** Split "{..}{..}" into its top-level documents; whitespace-only input gives none. */
export function splitDocuments(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inStr = false;
  let esc = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (esc) esc = false;
      else if (c === '\\') esc = true;
      else if (c === '"') {
        inStr = false;
        if (depth === 0 && start >= 0) {
          out.push(text.slice(start, i + 1));
          start = -1;
        }
      }
      continue;
    }
    if (c === '"') {
      inStr = true;
      if (start < 0) start = i;
    } else if (c === '{' || c === '[') {
      if (depth === 0 && start < 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0 && start >= 0) {
        out.push(text.slice(start, i + 1));
        start = -1;
      }
    } else if (depth === 0 && !/\s/.test(c) && start < 0) {
      // a bare scalar document: take it up to the next whitespace
      let j = i;
      while (j < text.length && !/\s/.test(text[j])) j++;
      out.push(text.slice(i, j));
      i = j - 1;
    }
  }
  if (start >= 0) out.push(text.slice(start)); // truncated: let JSON.parse report it
  return out;
}
