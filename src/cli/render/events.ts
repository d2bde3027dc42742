// `berth events` lines: docker/cli's cli/command/system/events.go (printOutput)
// and the events.Message value its --format templates see.
import type { EventMessage } from '../../api/types';
import { goJSON, setMarshalJSON } from '../format/gojson';
import { goMap, goStruct } from '../format/gotypes';
import { rfc3339NanoFixed } from './text';

/** "<time> <type> <action> <id> (k=v, …)" with the attributes sorted by key. */
export function eventLine(m: EventMessage, nano: bigint): string {
  let out = '';
  if (nano !== 0n) out += `${rfc3339NanoFixed(nano)} `;
  else if (m.time) out += `${rfc3339NanoFixed(BigInt(m.time) * 1_000_000_000n)} `;
  out += `${m.Type} ${m.Action} ${m.Actor?.ID ?? ''}`;
  const attrs = m.Actor?.Attributes ?? {};
  const keys = Object.keys(attrs).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length) out += ` (${keys.map((k) => `${k}=${attrs[k]}`).join(', ')})`;
  return `${out}\n`;
}

/** events.Message as Go sees it: Go field names for templates, json tags for `{{json .}}`. */
export function eventContext(m: EventMessage, nano: bigint): object {
  const attributes = goMap({ ...(m.Actor?.Attributes ?? {}) });
  const actor = goStruct({ ID: m.Actor?.ID ?? '', Attributes: attributes }, 'events.Actor');
  const ctx = goStruct(
    { Status: m.status ?? '', ID: m.id ?? '', From: m.from ?? '', Type: m.Type, Action: m.Action, Actor: actor, Scope: m.scope ?? '', Time: m.time, TimeNano: nano },
    'events.Message',
  );
  setMarshalJSON(ctx, () => {
    const wire: Record<string, unknown> = {};
    if (m.status) wire.status = m.status;
    if (m.id) wire.id = m.id;
    if (m.from) wire.from = m.from;
    Object.assign(wire, { Type: m.Type, Action: m.Action, Actor: goStruct({ ID: actor.ID, Attributes: attributes }, 'events.Actor') });
    if (m.scope) wire.scope = m.scope;
    if (m.time) wire.time = m.time;
    if (nano) wire.timeNano = nano;
    return goJSON(goStruct(wire, 'events.Message'), { escapeHTML: false });
  });
  return ctx;
}
